-- Who is quoted most, and what do they talk about?
--
-- The 15 actors with the most statements, with the words that set their statements apart: words
-- of four or more letters, minus common Indonesian function words, ranked by how often the actor
-- uses them times how rare they are across all statements (tf-idf). Feeds the report's
-- "most-quoted actors" chart and table.
--
-- Columns:
--   actor          canonical name
--   role           office held, when known
--   statements     statements attributed to the actor
--   direct         of which direct quotes
--   indirect       of which reported speech
--   talks_about    the actor's six most distinctive words, most distinctive first
--   example_quote  the actor's longest direct quote (or longest statement when none is direct)
WITH stopwords(word) AS (
    SELECT unnest(['yang', 'dan', 'untuk', 'dengan', 'dalam', 'dari', 'pada', 'akan', 'adalah', 'tidak', 'juga',
                   'kita', 'kami', 'bagi', 'agar', 'serta', 'oleh', 'atau', 'bahwa', 'karena', 'sebagai', 'telah',
                   'sudah', 'dapat', 'bisa', 'harus', 'lebih', 'sangat', 'para', 'semua', 'seluruh', 'tersebut',
                   'hanya', 'tetapi', 'namun', 'jika', 'saat', 'kepada', 'menjadi', 'mereka', 'masih', 'antara',
                   'setiap', 'secara', 'hingga', 'sampai', 'mulai', 'baik', 'yaitu', 'yakni', 'lagi', 'ini', 'itu',
                   'kata', 'ujar', 'ujarnya', 'katanya', 'hal', 'ada', 'pun', 'tak', 'terus', 'maka', 'demi',
                   'guna', 'tentang', 'terhadap', 'atas', 'bersama', 'sama', 'salah', 'satu', 'yang', 'namun',
                   'pula', 'lain', 'oleh', 'apa', 'siapa', 'dimana', 'kami', 'kamu', 'anda', 'beliau', 'dia',
                   'saya', 'tadi', 'nanti', 'kini', 'sedang', 'tengah', 'begitu', 'seperti', 'sehingga', 'diri'])
),
quoted AS (
    SELECT speaker_actor_id                                   AS actor_id,
           count(*)                                           AS statements,
           count(*) FILTER (WHERE kind = 'direct')            AS direct,
           count(*) FILTER (WHERE kind = 'indirect')          AS indirect,
           coalesce(arg_max(text, length(text)) FILTER (WHERE kind = 'direct'),
                    arg_max(text, length(text)))              AS example_quote
    FROM statements
    WHERE speaker_actor_id IS NOT NULL
    GROUP BY speaker_actor_id
),
words AS (
    SELECT s.statement_id, s.speaker_actor_id AS actor_id, lower(w.word) AS word
    FROM statements s,
         unnest(regexp_extract_all(s.text, '[A-Za-z][A-Za-z-]{3,}')) AS w(word)
    WHERE s.speaker_actor_id IS NOT NULL
),
doc_freq AS (
    SELECT word, count(DISTINCT statement_id) AS df FROM words GROUP BY word
),
scored AS (
    SELECT w.actor_id, w.word,
           count(*) * ln((SELECT count(*) FROM statements) / d.df) AS score
    FROM words w
    JOIN doc_freq d USING (word)
    WHERE w.word NOT IN (SELECT word FROM stopwords)
    GROUP BY w.actor_id, w.word, d.df
),
ranked AS (
    SELECT actor_id, word, score,
           row_number() OVER (PARTITION BY actor_id ORDER BY score DESC, word) AS r
    FROM scored
),
terms AS (
    SELECT actor_id, string_agg(word, ', ' ORDER BY r) AS talks_about
    FROM ranked WHERE r <= 6
    GROUP BY actor_id
)
SELECT a.name   AS actor,
       a.role,
       q.statements,
       q.direct,
       q.indirect,
       t.talks_about,
       q.example_quote
FROM quoted q
JOIN actors a ON a.actor_id = q.actor_id
LEFT JOIN terms t ON t.actor_id = q.actor_id
ORDER BY q.statements DESC, a.name
LIMIT 15;
