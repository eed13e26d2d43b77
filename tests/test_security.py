"""Who may change what: accounts, sign-in limits, refused writes, forged requests, headers.

Every write the pages make goes through one of five view functions; each is called here
anonymously and with a role that may not make it, and the store must be exactly as it was
(SQLite and PostgreSQL). Over HTTP: an unknown Host, a write sent from another site, the
security headers and cookies, sign-in, sign-out and closing anonymous viewing."""

from __future__ import annotations

import base64

import pandas as pd
import pytest

from dashboard import alerts_view, auth, data_view, review_view, rule_editor, state
from dashboard.app import create_app
from indicators import accounts
from indicators.store import Store
from tests.tables import EDITOR, VIEWER
from tests.test_dashboard import text_of

PASSWORD = "correct horse battery staple"


def _everything(store: Store) -> tuple:
    return store.counts(), len(store.audit()), len(store.read("casualties", statuses=None))


def _rule_values() -> dict:
    from dashboard.rule_form import FORM_FIELDS

    values = dict.fromkeys(FORM_FIELDS)
    values.update(rule_id="forged", name="Forged", indicator="killed", warning="1",
                  window_days="7", rise_floor="0", pending_days="0", cooldown_days="0",
                  activity_days="14", enabled=["enabled"])  # fmt: skip
    return values


WRITES = {
    "review": lambda who, claim: review_view.review_action("accept", claim, who, None, {}),
    "report": lambda who, claim: review_view.add_report(
        "On 3 December, 9 people were killed in Hama.",
        "r.txt",
        who,
        {"publisher": "Anyone", "published": "2024-12-04"},
    ),
    "upload": lambda who, claim: data_view.upload(
        "data:text/csv;base64,"
        + base64.b64encode(
            b"source_id,outcome,count_kind,value_best,unit,qualifier,admin1_pcode,date_end\n"
            b"afp-2024-11-29-3697b4,killed,new,5,people,about,SY02,2024-12-03\n"
        ).decode(),
        "x.csv",
        "casualties",
        who,
        True,
    ),
    "rule": lambda who, claim: rule_editor.save(_rule_values(), who)[0],
    "alert": lambda who, claim: alerts_view.act("resolve", 1, who, "done", None),
}
WRONG_ROLE = {"review": VIEWER, "report": VIEWER, "upload": VIEWER, "rule": EDITOR,
              "alert": EDITOR}  # fmt: skip


@pytest.mark.parametrize("write", sorted(WRITES))
def test_anonymous_and_wrong_role_writes_are_refused_and_change_nothing(
    default_store: Store, tmp_path, write: str
) -> None:
    state.use(default_store)
    pending = review_view.pending()
    claim = pending["claim_id"].iloc[0] if len(pending) else "none"
    before = _everything(default_store)
    anonymous = text_of(WRITES[write](None, claim))
    assert "Sign in" in anonymous
    wrong = text_of(WRITES[write](WRONG_ROLE[write], claim))
    assert "may not make this" in wrong and "Ask an admin" in wrong
    assert _everything(default_store) == before


def test_passwords_are_hashed_and_sign_in_failures_are_limited_across_workers(
    empty_store: Store,
) -> None:
    accounts.add(empty_store, "amina", "editor", actor="test", password=PASSWORD)
    with empty_store.engine.connect() as conn:
        stored = conn.exec_driver_sql("select password_hash from accounts").scalar()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert accounts.sign_in(empty_store, "amina", PASSWORD, "10.0.0.1").role == "editor"
    other_worker = Store(empty_store.url)  # the count is in the store, not in a process
    for _ in range(accounts.FAILURES_PER_ACCOUNT):
        with pytest.raises(accounts.SignInRefusedError, match="not right"):
            accounts.sign_in(other_worker, "amina", "guess", "10.0.0.2")
    with pytest.raises(accounts.SignInRefusedError, match="too many"):
        accounts.sign_in(empty_store, "amina", PASSWORD, "10.0.0.3")  # even the right one
    other_worker.engine.dispose()
    with pytest.raises(Exception, match="12 to 256 characters"):
        accounts.add(empty_store, "omar", "viewer", actor="test", password="short")


def test_a_changed_password_or_a_disabled_account_ends_its_sessions(empty_store: Store) -> None:
    accounts.add(empty_store, "amina", "editor", actor="test", password=PASSWORD)
    client = create_app(empty_store, upkeep=False).server.test_client()
    signed = client.post("/login", data={"username": "amina", "password": PASSWORD})
    assert signed.status_code == 302
    assert "amina (editor)" in client.get("/account").get_data(as_text=True).replace(
        "<strong>", ""
    ).replace("</strong>", "")
    accounts.disable(empty_store, "amina", actor="admin")
    assert client.get("/account").status_code == 302  # signed out: back to /login
    wrong = client.post("/login", data={"username": "amina", "password": PASSWORD})
    assert wrong.status_code == 401  # a disabled account cannot sign in


def test_unknown_hosts_and_writes_from_another_site_are_refused(default_store: Store) -> None:
    client = create_app(default_store, upkeep=False).server.test_client()
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/api/v1/status.json").status_code == 200
    forged = client.post(
        "/_dash-update-component",
        json={"output": "x", "outputs": [], "inputs": [], "changedPropIds": []},
        headers={"Origin": "https://evil.example"},
    )
    assert forged.status_code == 403
    login = client.post("/login", data={"username": "a", "password": "b"},
                        headers={"Referer": "https://evil.example/page"})  # fmt: skip
    assert login.status_code == 403


def test_security_headers_and_session_cookies(empty_store: Store) -> None:
    accounts.add(empty_store, "amina", "editor", actor="test", password=PASSWORD)
    client = create_app(empty_store, upkeep=False).server.test_client()
    page = client.get("/")
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] == "same-origin"
    signed = client.post("/login", data={"username": "amina", "password": PASSWORD})
    cookie = signed.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    over_tls = client.post(
        "/login",
        data={"username": "amina", "password": PASSWORD},
        base_url="https://localhost",
    )
    assert "Secure" in over_tls.headers["Set-Cookie"]  # whenever it came over HTTPS


def test_closing_anonymous_viewing_sends_visitors_to_sign_in(default_store: Store) -> None:
    client = create_app(default_store, upkeep=False).server.test_client()
    assert client.get("/api/v1/tables/casualties.csv").status_code == 200  # open by default
    accounts.set_setting(default_store, accounts.ANONYMOUS_VIEWING, "closed", actor="admin")
    auth._viewing.clear()  # each worker asks again within VIEWING_CHECKED_EVERY seconds
    closed = create_app(default_store, upkeep=False).server.test_client()
    assert closed.get("/").status_code == 302
    assert closed.get("/api/v1/tables/casualties.csv").status_code == 401
    assert closed.get("/login").status_code == 200


def test_web_writes_name_the_account_and_its_address(default_store: Store) -> None:
    server = create_app(default_store, upkeep=False).server
    text = "On 3 December, 9 people were killed in Hama."
    meta = {"publisher": "Test wire", "published": "2024-12-04"}
    with server.test_request_context("/review", environ_base={"REMOTE_ADDR": "10.1.2.3"}):
        server.preprocess_request()  # what every request goes through first
        shown = text_of(review_view.add_report(text, "r.txt", EDITOR, meta))
    assert "waiting for review" in shown
    last = default_store.audit().iloc[-1]
    assert last["actor"] == "Amina"
    assert (last["details"]["via"], last["details"]["address"]) == ("web", "10.1.2.3")


def test_the_audit_log_is_for_admins_filtered_and_downloaded(default_store: Store) -> None:
    from dashboard import audit_view

    accounts.add(default_store, "root", "admin", actor="test", password=PASSWORD)
    accounts.add(default_store, "amina", "editor", actor="test", password=PASSWORD)
    state.use(default_store)
    admin = accounts.get(default_store, "root")
    assert "may not make this" in text_of(audit_view.view(EDITOR, None, None, None))
    shown = text_of(audit_view.view(admin, "test", "accounts", None))
    assert "account_added" in shown and "load_defaults" not in shown
    client = create_app(default_store, upkeep=False).server.test_client()
    assert client.get("/api/v1/audit.csv").status_code == 403  # anonymous
    client.post("/login", data={"username": "amina", "password": PASSWORD})
    assert client.get("/api/v1/audit.csv").status_code == 403  # an editor
    client.post("/login", data={"username": "root", "password": PASSWORD})
    body = client.get("/api/v1/audit.csv?actor=test&table=accounts").get_data(as_text=True)
    assert body.splitlines()[0].startswith("at,actor,action") and "account_added" in body
    assert "load_defaults" not in body
    assert client.get("/api/v1/audit.csv?day=someday").status_code == 400


def test_read_only_tokens_download_when_viewing_is_closed_and_never_write(
    default_store: Store,
) -> None:
    accounts.set_setting(default_store, accounts.ANONYMOUS_VIEWING, "closed", actor="admin")
    auth._viewing.clear()
    secret = accounts.add_token(default_store, "hdx-feed", actor="admin")
    with default_store.engine.connect() as conn:
        assert secret not in str(conn.exec_driver_sql("select * from api_tokens").all())
    client = create_app(default_store, upkeep=False).server.test_client()
    address = "/api/v1/tables/casualties.csv"
    assert client.get(address).status_code == 401
    bearer = client.get(address, headers={"Authorization": f"Bearer {secret}"})
    assert bearer.status_code == 200 and "claim_id" in bearer.get_data(as_text=True)
    assert client.get(f"{address}?token={secret}").status_code == 200  # as Excel can send
    assert client.get(f"/?token={secret}").status_code == 302  # the pages need an account
    write = client.post(
        "/_dash-update-component?token=" + secret,
        json={"output": "x", "outputs": [], "inputs": [], "changedPropIds": []},
    )
    assert write.status_code in (302, 401)  # a token never writes
    accounts.revoke_token(default_store, "hdx-feed", actor="admin")
    assert client.get(f"{address}?token={secret}").status_code == 401


def test_behind_a_proxy_that_says_https_cookies_are_secure_and_addresses_real(
    empty_store: Store, monkeypatch
) -> None:
    accounts.add(empty_store, "amina", "editor", actor="test", password=PASSWORD)
    monkeypatch.setenv("IMPACT_MONITOR_BEHIND_PROXY", "1")
    client = create_app(empty_store, upkeep=False).server.test_client()
    signed = client.post(
        "/login",
        data={"username": "amina", "password": "wrong password here"},
        headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"},
    )
    assert signed.status_code == 401
    with empty_store.engine.connect() as conn:
        address = conn.exec_driver_sql("select address from login_failures").scalar()
    assert address == "203.0.113.9"  # the client, as the proxy says
    ok = client.post("/login", data={"username": "amina", "password": PASSWORD},
                     headers={"X-Forwarded-Proto": "https"})  # fmt: skip
    assert "Secure" in ok.headers["Set-Cookie"]


def test_a_forged_upload_of_review_fields_is_stored_pending(default_store: Store) -> None:
    state.use(default_store)
    forged = (
        b"claim_id,source_id,outcome,count_kind,value_best,unit,qualifier,admin1_pcode,"
        b"date_end,review_status,reviewed_by,reviewed_at\n"
        b"forged-1,afp-2024-11-29-3697b4,killed,new,500,people,about,SY02,2024-12-03,"
        b"accepted,WHO Director,2020-01-01T00:00:00\n"
    )
    contents = "data:text/csv;base64," + base64.b64encode(forged).decode()
    shown = text_of(data_view.upload(contents, "f.csv", "casualties", EDITOR, False))
    assert "imported 1 rows" in shown
    row = default_store.read("casualties", statuses=None).set_index("claim_id").loc["forged-1"]
    assert row["review_status"] == "pending"
    assert pd.isna(row["reviewed_by"]) and pd.isna(row["reviewed_at"])
    assert "forged-1" not in set(default_store.read("casualties")["claim_id"])  # not shown


def test_user_text_in_charts_is_text_not_markup(default_store: Store) -> None:
    """A rule's name, a publisher or a facility typed with markup is drawn as text."""
    import plotly.io

    from dashboard import figures_trend, views
    from dashboard.query import parse
    from indicators.alerts.lifecycle import save_rule
    from indicators.alerts.rules import AlertRule

    state.use(default_store)
    link = '<a href="https://evil.example">click</a>'
    save_rule(default_store, AlertRule("markup", link, "killed", warning=1), actor="test")
    fig, _ = views.trend_view("killed", parse("?as_of=2024-12-05"))
    drawn = plotly.io.to_json(fig)
    assert "evil.example" in drawn  # the name is shown ...
    assert '<a href=\\"https://evil' not in drawn  # ... as text, never as a live link
    points = pd.DataFrame(
        {
            "unit": ["f"], "unit_name": ['<span style="font-size:90px">Big</span> hospital'],
            "day": [pd.Timestamp("2024-12-01")], "count_kind": ["stock"], "cause_key": [""],
            "value": [90.0], "low": [90.0], "high": [90.0], "derived": [False],
            "shared": [False], "ref": ["f:1"], "n_claims": [1],
            "sources": ['<span style="color:red;font-size:90px">Publisher</span>'],
        }
    )  # fmt: skip
    drawn = plotly.io.to_json(figures_trend.trend_figure(points, unit="percent"))
    assert "<span style" not in drawn and "&lt;span style" in drawn


def test_csv_the_project_writes_never_starts_a_formula(tmp_path, capsys) -> None:
    from indicators.cli import main
    from indicators.exports import neutralise

    for start in ("=", "+", "-", "@", "＝", "＋"):
        assert neutralise(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"
    report = tmp_path / "r.txt"
    report.write_text(
        "---\npublisher: T\npublished: 2024-12-04\n---\n"
        '=HYPERLINK("x") 12 people were killed in Hama on 3 December.\n',
        encoding="utf-8",
    )
    assert main(["extract", str(report)]) == 0
    out = capsys.readouterr().out
    assert "'=HYPERLINK" in out and ",=HYPERLINK" not in out and '"=HYPERLINK' not in out


def test_report_front_matter_is_small_plain_and_found_behind_a_bom(tmp_path) -> None:
    import time

    from indicators.errors import InputError
    from indicators.reports import read_report

    laughs = "---\na: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n"
    for n in range(1, 9):
        laughs += f"{chr(97 + n)}: &{chr(97 + n)} [*{chr(96 + n)},*{chr(96 + n)},*{chr(96 + n)}]\n"
    bomb = tmp_path / "bomb.txt"
    bomb.write_text(laughs + "title: *i\n---\nText.\n", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(InputError, match="anchors or aliases"):
        read_report(bomb)
    assert time.monotonic() - started < 1
    mapping = tmp_path / "m.txt"
    mapping.write_text("---\npublisher: {a: 1}\n---\nText.\n", encoding="utf-8")
    with pytest.raises(InputError, match="'publisher' must be text"):
        read_report(mapping)
    bom = tmp_path / "bom.txt"
    bom.write_text("\ufeff---\npublisher: OCHA\n---\nText.\n", encoding="utf-8")
    report = read_report(bom)
    assert report.publisher == "OCHA" and report.text.strip() == "Text."
