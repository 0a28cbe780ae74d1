"""The 10th of the month: office leaders register and read, the Directorate and county governors read.

Run by `benchmarks/loadtest/run.py` (`make loadtest`), which starts the servers and writes the users'
file. Three of four users lead an office: each task either saves the month (opens the month form,
changes one count and posts it) or reads one of the office's pages. The others read statistics,
follow-up and scorecards. With the weights below about 30 % of all requests are saves.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, task

USERS = json.loads(Path(os.environ["LOADTEST_USERS_FILE"]).read_text(encoding="utf-8"))
HOSTS = os.environ["LOADTEST_HOSTS"].split(",")
PERIOD = os.environ["LOADTEST_PERIOD"]
WAIT = [float(s) for s in os.environ.get("LOADTEST_WAIT", "0.5,1.5").split(",")]

_leaders = itertools.cycle([u for u in USERS if u["role"] == "office_leader"])
_readers = itertools.cycle([u for u in USERS if u["role"] != "office_leader"])
_spread = itertools.count()

INPUT = re.compile(r"<input\b[^>]*>")
NAME = re.compile(r'\bname="([^"]+)"')
VALUE = re.compile(r'\bvalue="([^"]*)"')
TEXTAREA = re.compile(r'<textarea\b[^>]*\bname="([^"]+)"[^>]*>(.*?)</textarea>', re.S)


class MalekortUser(HttpUser):
    abstract = True
    wait_time = between(*WAIT)
    account: dict[str, str]

    def on_start(self) -> None:
        # Spread users over the two servers, as the platform's load balancer would. Each is logged in
        # already (run.py logged in before the clock started): sessions live in the database, so
        # either server knows them.
        self.client.base_url = HOSTS[next(_spread) % len(HOSTS)]
        for name, value in self.account["cookies"].items():
            self.client.cookies.set(name, value)

    def page(self, url: str, name: str) -> str:
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            return response.text


class OfficeLeader(MalekortUser):
    weight = 3

    def on_start(self) -> None:
        self.account = next(_leaders)
        self.office = self.account["office"]
        super().on_start()

    @task(4)
    def save_month(self) -> None:
        url = f"/kontor/{self.office}/{PERIOD}/"
        form = self.page(url, "month form")
        data = {}
        for tag in INPUT.findall(form):
            name, value = NAME.search(tag), VALUE.search(tag)
            if name and name.group(1).startswith(("v_", "k_", "csrfmiddlewaretoken")):
                data[name.group(1)] = html.unescape(value.group(1) if value else "")
        data.update({name: html.unescape(text) for name, text in TEXTAREA.findall(form)})
        for name in list(data):
            if name.startswith("v_"):
                data[name] = re.sub(r"[\s\u00a0]", "", data[name])
        counts = [n for n in data if n.startswith("v_") and n.endswith("_SH_MOTTAKERE") and data[n].isdigit()
                  and int(data[n]) >= 4]
        if counts:
            name = random.choice(counts)
            data[name] = str(int(data[name]) + 1)  # more recipients never breaks a sub-count
        with self.client.post(url, data=data, name="save", allow_redirects=False,
                              headers={"Referer": f"{self.client.base_url}{url}"}, catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"status {response.status_code}")

    @task(1)
    def month_form(self) -> None:
        self.page(f"/kontor/{self.office}/{PERIOD}/", "month form")

    @task(1)
    def office_scorecard(self) -> None:
        self.page(f"/malekort/kontor/{self.office}/", "office scorecard")

    @task(1)
    def months(self) -> None:
        self.page(f"/kontor/{self.office}/", "month list")


class Reader(MalekortUser):
    """The Directorate (the nation) or a county governor (one county)."""

    weight = 1

    def on_start(self) -> None:
        self.account = next(_readers)
        self.county = self.account.get("region") or random.choice(["03", "33", "42", "46", "50"])
        super().on_start()

    @task(2)
    def statistics(self) -> None:
        if self.account["role"] == "directorate":
            self.page("/statistikk/", "statistics, nation")
        self.page(f"/statistikk/fylke/{self.county}/", "statistics, county")

    @task(1)
    def follow_up(self) -> None:
        self.page(f"/oppfolging/{self.county}/", "follow-up, county")

    @task(1)
    def scorecard(self) -> None:
        office = random.choice(self.account["offices"])
        self.page(f"/malekort/kontor/{office}/", "office scorecard")

    @task(1)
    def municipality(self) -> None:
        kommune = random.choice(self.account["municipalities"])
        self.page(f"/malekort/kommune/{kommune}/", "municipality scorecard")
