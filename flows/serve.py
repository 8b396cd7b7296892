"""Serve the build flow on a schedule to a running Prefect server (`pantau serve` calls this).

    prefect server start --host 127.0.0.1 --port 4200
    PREFECT_API_URL=http://127.0.0.1:4200/api pantau serve --cron "0 * * * *" --input seeds --out build

The deployment `pantau-build/<name>` runs `flows.build.build_flow` (parameters input_dir, out, batch_bytes,
full); each run creates the table artifact `pantau-build-rows` and the markdown artifact
`pantau-build-summary`. Runs start in a subprocess of this one, at most one at a time (two builds never
write the same OUT at once). `prefect.yaml` holds the same deployment for `prefect deploy` + a worker.
"""

from __future__ import annotations

from collections.abc import Callable

from prefect.deployments.runner import EntrypointType
from prefect.schedules import Cron
from prefect.settings import get_current_settings

from flows.build import build_flow
from pantau.pipeline.schedule import ServePlan, plan_info


class ServerMissing(RuntimeError):
    """No Prefect server configured: schedules need one."""


def api_url() -> str | None:
    """The Prefect API this process talks to (environment or profile), or None for the embedded server."""
    return get_current_settings().api.url


def serve_build(plan: ServePlan, announce: Callable[[dict], None] | None = None) -> None:
    """Register the scheduled deployment and serve its runs until interrupted."""
    url = api_url()
    if not url:
        raise ServerMissing()
    deployment = build_flow.to_deployment(
        name=plan.deployment,
        schedules=[Cron(plan.cron, timezone=plan.timezone)],
        parameters=plan.parameters,
        description=f"pantau build of {plan.parameters['input_dir']} into {plan.parameters['out']}, cron {plan.cron}",
        tags=["pantau"],
        entrypoint_type=EntrypointType.MODULE_PATH,  # flows.build:build_flow, wherever this runs from
    )
    if announce:
        announce(plan_info(plan, url))
    from prefect import serve

    serve(deployment, limit=plan.limit, print_starting_message=announce is None)
