"""The impact-monitor command: validate, import, export, serve; clear errors, exit codes."""

from __future__ import annotations

import getpass
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard.cli import is_loopback, main
from indicators.defaults import open_store
from indicators.store import Store
from tests.tables import SEED_KILLED, SOURCE, casualty, write_rows


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_validate_lists_every_failure_and_exits_1(tmp_path: Path, capsys) -> None:
    path = write_rows(
        tmp_path / "bad.csv", [casualty(), casualty(claim_id="c2", value_best="lots")]
    )
    code, out, _ = run(
        capsys,
        "--database",
        f"sqlite:///{tmp_path / 'none.sqlite'}",
        "validate",
        str(path),
        "--table",
        "casualties",
    )
    assert code == 1
    assert "bad.csv, row 3, column 'value_best', value 'lots': error E0010" in out
    assert "NOT valid: 1 errors" in out
    assert not (tmp_path / "none.sqlite").exists()  # validating creates no store


def test_validate_a_good_file_prints_a_summary_and_exits_0(tmp_path: Path, capsys) -> None:
    path = write_rows(tmp_path / "good.csv", [casualty()])
    code, out, _ = run(
        capsys,
        "--database",
        f"sqlite:///{tmp_path / 'x.sqlite'}",
        "validate",
        str(path),
        "--table",
        "casualties",
    )
    assert code == 0
    assert "good.csv: 1 rows of table 'casualties' valid: 0 errors, 0 warnings" in out


def test_validate_checks_ids_against_an_existing_store(tmp_path: Path, capsys) -> None:
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    open_store(db).engine.dispose()
    path = write_rows(tmp_path / "dup.csv", [casualty(claim_id=SEED_KILLED)])
    code, out, _ = run(capsys, "--database", db, "validate", str(path), "--table", "casualties")
    assert code == 1
    assert "E0116" in out and "E0115" in out  # already stored; unknown source


def test_import_writes_all_rows_or_none(store_url: str, tmp_path: Path, capsys) -> None:
    sources = write_rows(tmp_path / "sources.csv", [SOURCE])
    assert (
        run(
            capsys,
            "--database",
            store_url,
            "--actor",
            "amal",
            "import",
            str(sources),
            "--table",
            "sources",
        )[0]
        == 0
    )
    store = Store(store_url)
    before = store.counts()
    bad = write_rows(
        tmp_path / "claims.csv",
        [casualty(claim_id=f"n{i}") for i in range(50)]
        + [casualty(claim_id="n50", date_end="2024-02-30")],
    )
    code, out, err = run(
        capsys, "--database", store_url, "import", str(bad), "--table", "casualties"
    )
    assert code == 1
    assert "claims.csv, row 52, column 'date_end', value '2024-02-30'" in out
    assert "nothing was written" in err
    assert store.counts() == before

    good = write_rows(tmp_path / "claims.csv", [casualty(claim_id=f"n{i}") for i in range(51)])
    code, out, _ = run(
        capsys,
        "--database",
        store_url,
        "--actor",
        "amal",
        "import",
        str(good),
        "--table",
        "casualties",
    )
    assert code == 0 and "imported 51 rows" in out
    assert store.counts()["casualties"] == before["casualties"] + 51
    last = store.audit().iloc[-1]
    # the command line names the operating-system login; --actor is kept as a note
    me = f"{getpass.getuser()} (command line)"
    assert (last["actor"], last["action"], last["row_count"]) == (me, "import", 51)
    assert last["details"]["via"] == "command line" and last["details"]["note"] == "amal"
    assert last["details"]["file"].endswith("claims.csv")
    store.engine.dispose()


def test_importing_the_same_file_twice_is_refused(tmp_path: Path, capsys) -> None:
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    sources = write_rows(tmp_path / "sources.csv", [SOURCE])
    assert run(capsys, "--database", db, "import", str(sources), "--table", "sources")[0] == 0
    code, out, _ = run(capsys, "--database", db, "import", str(sources), "--table", "sources")
    assert code == 1 and "E0117" in out


def test_import_accept_records_the_claims_accepted_by_the_login_now(tmp_path: Path, capsys) -> None:
    """Review fields in a file are never kept (a forged reviewer or a back-dated review):
    without --accept claims wait for review; with it they are accepted by the login that
    ran the command, at the real time."""
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    run(
        capsys,
        "--database",
        db,
        "import",
        str(write_rows(tmp_path / "s.csv", [SOURCE])),
        "--table",
        "sources",
    )
    forged = casualty(claim_id="forged", reviewed_by="Director", reviewed_at="2020-01-01")
    run(capsys, "--database", db, "import", str(write_rows(tmp_path / "f.csv", [forged])),
        "--table", "casualties")  # fmt: skip
    row = {k: v for k, v in casualty().items() if k != "review_status"}
    path = write_rows(tmp_path / "c.csv", [row])
    assert (
        run(
            capsys,
            "--database",
            db,
            "--actor",
            "amal",
            "import",
            str(path),
            "--table",
            "casualties",
            "--accept",
        )[0]
        == 0
    )
    with Store(db) as store:
        stored = store.read("casualties", statuses=None).set_index("claim_id")
    me = f"{getpass.getuser()} (command line)"
    assert (stored.loc["c1", "review_status"], stored.loc["c1", "reviewed_by"]) == ("accepted", me)
    assert stored.loc["c1", "reviewed_at"] > pd.Timestamp("2026-01-01")
    assert stored.loc["forged", "review_status"] == "pending"  # the file said accepted
    assert pd.isna(stored.loc["forged", "reviewed_by"]) and pd.isna(
        stored.loc["forged", "reviewed_at"]
    )


def test_export_writes_each_format(tmp_path: Path, capsys) -> None:
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    for fmt in ("csv", "hxl", "xlsx", "json"):
        out_file = tmp_path / f"out.{fmt}"
        code, out, _ = run(
            capsys,
            "--database",
            db,
            "export",
            "--table",
            "displacement",
            "--format",
            fmt,
            "--admin1",
            "SY02",
            "-o",
            str(out_file),
        )
        assert code == 0, out
        assert out_file.stat().st_size > 0
    payload = json.loads((tmp_path / "out.json").read_text())
    assert payload["meta"]["filters"]["admin1"] == ["SY02"]
    frame = pd.read_csv(tmp_path / "out.csv")
    assert len(frame) == payload["meta"]["rows"] > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--admin1", "Aleppo"], "unknown governorate p-code Aleppo"),
        (["--from", "yesterday"], "--from 'yesterday' is not a date"),
    ],
)
def test_export_refuses_bad_filters(tmp_path: Path, capsys, args, message) -> None:
    code, _, err = run(
        capsys,
        "--database",
        f"sqlite:///{tmp_path / 's.sqlite'}",
        "export",
        "--table",
        "casualties",
        "--format",
        "csv",
        "-o",
        str(tmp_path / "x.csv"),
        *args,
    )
    assert code == 1
    assert message in err and "Traceback" not in err


def test_a_missing_file_is_one_sentence_not_a_traceback(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path / "nope.csv"), "--table", "sources")
    assert code == 1
    assert err.strip() == "impact-monitor: nope.csv: no such file"


def test_an_unknown_table_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "x.csv", "--table", "deaths"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'deaths'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
    ],
)
def test_only_loopback_addresses_count_as_private(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_installed_command_serves_the_dashboard(tmp_path: Path) -> None:
    command = shutil.which("impact-monitor", path=str(Path(sys.executable).parent))
    assert command, "the console script is not installed in this environment"
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'served.sqlite'}"}
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [command, "serve", "--port", str(port)], env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_dash-layout") as r:
                    layout = r.read().decode()
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the server did not answer in 60 s"
                time.sleep(0.2)
        assert "nav-casualties" in layout
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as r:
            page = r.read().decode()
        assert "impact-monitor" in page
        assert "cdn" not in page.lower()  # every asset from this server
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serving_on_a_public_address_warns(tmp_path: Path, capsys, monkeypatch) -> None:
    import dashboard.cli

    class StopServingError(Exception):
        pass

    def fake_serve(url, **kwargs):
        raise StopServingError(kwargs)

    monkeypatch.setattr(dashboard.cli, "serve", fake_serve)
    with pytest.raises(StopServingError):
        main(["--database", f"sqlite:///{tmp_path / 's.sqlite'}", "serve", "--host", "0.0.0.0"])
    said = capsys.readouterr()
    assert "NOTE: serving on 0.0.0.0" in said.err
    assert "No account exists" in said.out and "sign-in" not in said.out  # never off loopback


def test_the_first_serve_on_loopback_prints_a_one_time_sign_in_link(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    import dashboard.cli
    from dashboard.app import create_app
    from indicators import accounts
    from indicators.store import Store

    class StopServingError(Exception):
        pass

    def fake_serve(url, **kwargs):
        raise StopServingError(kwargs)

    monkeypatch.setattr(dashboard.cli, "serve", fake_serve)
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    with pytest.raises(StopServingError):
        main(["--database", url, "serve"])
    out = capsys.readouterr().out
    link = next(w for w in out.split() if "/sign-in/" in w)
    with pytest.raises(StopServingError):
        main(["--database", url, "serve"])
    assert "/sign-in/" not in capsys.readouterr().out  # only while no account exists
    with Store(url) as store:
        assert [(a.username, a.role, a.has_password) for a in accounts.listing(store)] == [
            ("admin", "admin", False)  # no default password: the link, then one of theirs
        ]
        client = create_app(store, upkeep=False).server.test_client()
        path = link.split("8050", 1)[1]
        first = client.get(path)
        assert first.status_code == 302 and "/account" in first.headers["Location"]
        assert "<strong>admin</strong> (admin)" in client.get("/account").get_data(as_text=True)
        assert client.get(path).status_code == 400  # the link works once
        secret = path.rsplit("/", 1)[1]
        with store.engine.connect() as conn:  # and only its hash is stored
            stored = conn.execute(sa.text("select token_hash from sign_in_links")).scalar()
        assert secret not in stored
