"""A throw-away PostgreSQL cluster for the test run: Debian's server binaries, a data
folder under /tmp, 127.0.0.1 on a free port, password authentication; stopped at the end.

``initdb`` refuses to run as root, so as root the cluster belongs to the ``postgres``
system user that Debian's package creates. If the server cannot start the tests that
need it fail: they never skip.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

SUPERUSER = "fwp_admin"
PASSWORD = "s3cret-Test-pw"  # only ever lives in this throw-away cluster


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    on_path = shutil.which(name)
    if on_path:
        return on_path
    raise RuntimeError(
        f"PostgreSQL's {name} was not found: install Debian's 'postgresql' package "
        "(make test does this)."
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="fwp-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            self._as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.root, "postgres")
        os.chmod(self.root, 0o755)

    def _run(self, *args: str) -> None:
        # cwd: as root the server runs as 'postgres', which may not read the caller's folder.
        subprocess.run(
            [*self._as_user, *args], check=True, capture_output=True, text=True, cwd=self.root
        )

    def start(self) -> None:
        pwfile = self.root / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if self._as_user:
            shutil.chown(pwfile, "postgres")
        try:
            self._run(
                _bin("initdb"), "-D", str(self.data), "-U", SUPERUSER, "--pwfile", str(pwfile),
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                "--locale=C.UTF-8",
            )
            self.resume()
        except subprocess.CalledProcessError as exc:
            log = self.root / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(
                f"The test PostgreSQL server did not start: {exc.stderr or exc}\n{tail}"
            ) from exc

    def resume(self) -> None:
        """Start the server on its data folder and port (again, after ``halt``)."""
        self._run(
            _bin("pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
            "-w", "-t", "60", "-o",
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200",
            "start",
        )

    def halt(self) -> None:
        """Stop the server as an outage would (connections cut), keeping its data."""
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER,
            password: str = PASSWORD) -> str:
        return f"postgresql+psycopg://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def admin_sql(self, sql: str, database: str = "postgres") -> None:
        """Run statements as the superuser outside a transaction (CREATE DATABASE …)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, password=PASSWORD,
            dbname=database, autocommit=True,
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def new_database(self, template: str | None = None) -> str:
        name = "t_" + uuid.uuid4().hex[:16]
        clause = f" TEMPLATE {template}" if template else ""
        self.admin_sql(f"CREATE DATABASE {name}{clause}")
        return name

    def drop_database(self, name: str) -> None:
        self.admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
