"""The mojibake round-trip set: news sentences with non-ASCII names and words, corrupted in every
code page the encoding stage tries, split by sentence into a tuning and a held-out part.

    python -m tests.mojibake_set          # rewrite tests/data/mojibake_roundtrip.jsonl

The sentences are written the way machine-translated news reads: names of office holders and
places with ``ĭ`` (a romanized ``й``), ``š``, ``á``, ``ő``, ``ł``, ``ž``, Russian with ``ё``, and
CJK punctuation left in English text, plus short Chinese sources of the WMT23 MQM set. Each
sentence gives three kinds of case in each code page:

- ``line``: the whole line corrupted (UTF-8 bytes read in the code page), so every non-ASCII word
  of it is corrupted in the same code page;
- ``word``: one of its non-ASCII words alone on a line, corrupted (a byline, a caption);
- ``mixed``: one non-ASCII word corrupted and the others left correct (text pasted together from
  two sources).

A case whose bytes the code page does not define cannot occur and is left out. Every sentence is
in one part only: which one is fixed by a hash of the sentence, so adding sentences moves none.
The stage is tuned on ``tuning``; ``held-out`` is only measured (tests/test_mojibake_set.py,
bench/quality_encoding.py).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.paths import DATA, SHARED

SET = DATA / "mojibake_roundtrip.jsonl"
MQM = SHARED / "data" / "mqm-zhen-wmt23" / "units.jsonl.gz"

# Every code page cleanup.stages.codepages tries, in its order (the 12 of the issue and the three
# of Greek, Turkish and Baltic Windows).
CODEPAGES = (
    "cp1252", "latin_1", "mac_roman", "mac_latin2", "mac_cyrillic", "cp437", "cp850", "cp866",
    "koi8_r", "cp1250", "cp1251", "iso8859_2", "cp1253", "cp1254", "cp1257",
)  # fmt: skip

# People, by the letter that makes them a test. Roles go with the names they fit.
PEOPLE = {
    "ĭ": [
        ("Russian Foreign Minister", "Sergeĭ Lavrov"),
        ("Russian Defence Minister", "Sergeĭ Shoigu"),
        ("Security Council Secretary", "Nikolaĭ Patrushev"),
        ("opposition leader", "Alekseĭ Navalny"),
        ("Defence Minister", "Andreĭ Belousov"),
        ("Kremlin spokesman", "Dmitriĭ Peskov"),
        ("Kremlin aide", "Yuriĭ Ushakov"),
        ("Chief of the General Staff", "Valeriĭ Gerasimov"),
        ("Russian Ambassador", "Anatoliĭ Antonov"),
        ("Ukrainian President", "Volodymyr Zelenskyĭ"),
        ("Kyiv Mayor", "Vitaliĭ Klitschko"),
        ("UN envoy", "Vasiliĭ Nebenzia"),
        ("Wagner chief", "Evgeniĭ Prigozhin"),
        ("Governor", "Aleksandr Beglov"),
    ],
    "š": [
        ("former Czech Prime Minister", "Andrej Babiš"),
        ("European Commission Vice-President", "Maroš Šefčovič"),
        ("Slovenian opposition leader", "Janez Janša"),
        ("Slovenian President", "Nataša Pirc Musar"),
        ("former Czech President", "Miloš Zeman"),
        ("Progressive Slovakia leader", "Michal Šimečka"),
        ("former Slovak Prime Minister", "Igor Matovič"),
        ("Serbian Prime Minister", "Miloš Vučević"),
        ("Serbian Foreign Minister", "Ivica Dačić"),
        ("Slovak Interior Minister", "Matúš Šutaj Eštok"),
        ("Czech Foreign Minister", "Jan Lipavský"),
        ("Lithuanian President", "Gitanas Nausėda"),
        ("Bosnian Serb leader", "Milorad Dodik"),
    ],
    "á": [
        ("Spanish Prime Minister", "Pedro Sánchez"),
        ("Hungarian Prime Minister", "Viktor Orbán"),
        ("Brazilian President", "Luiz Inácio Lula da Silva"),
        ("Slovak President", "Zuzana Čaputová"),
        ("Hungarian Foreign Minister", "Péter Szijjártó"),
        ("Mexican President", "Andrés Manuel López Obrador"),
        ("former Colombian President", "Álvaro Uribe"),
        ("Venezuelan President", "Nicolás Maduro"),
        ("Czech Senate President", "Miloš Vystrčil"),
        ("Slovak Foreign Minister", "Juraj Blanár"),
        ("Czech Interior Minister", "Vít Rakušan"),
        ("Panamanian President", "José Raúl Mulino"),
    ],
    "ő": [
        ("Hungarian businessman", "Lőrinc Mészáros"),
        ("inventor", "Ernő Rubik"),
        ("Hungarian Speaker", "László Kövér"),
        ("Hungarian minister", "Gergely Gulyás"),
        ("Hungarian opposition MP", "Előd Novák"),
        ("Hungarian Deputy Prime Minister", "Zsolt Semjén"),
        ("Budapest Mayor", "Gergely Karácsony"),
        ("former President", "Katalin Novák"),
        ("mayor", "Győző Kovács"),
        ("opposition leader", "Péter Magyar"),
        ("writer", "Mihály Kőrösi"),
    ],
    "ł": [
        ("former Polish President", "Lech Wałęsa"),
        ("Polish Foreign Minister", "Radosław Sikorski"),
        ("Warsaw Mayor", "Rafał Trzaskowski"),
        ("Sejm Speaker", "Szymon Hołownia"),
        ("Polish Defence Minister", "Władysław Kosiniak-Kamysz"),
        ("Polish minister", "Michał Dworczyk"),
        ("Polish diplomat", "Paweł Jabłoński"),
        ("Polish spokesman", "Stanisław Żaryn"),
        ("Polish President", "Karol Nawrocki"),
        ("Polish Prime Minister", "Donald Tusk"),
        ("Polish general", "Rajmund Andrzejczak"),
    ],
    "ž": [
        ("philosopher", "Slavoj Žižek"),
        ("Bosnian presidency member", "Željko Komšić"),
        ("Croatian Prime Minister", "Andrej Plenković"),
        ("Slovenian Foreign Minister", "Tanja Fajon"),
        ("former Croatian President", "Kolinda Grabar-Kitarović"),
        ("Serbian President", "Aleksandar Vučić"),
        ("Slovenian minister", "Tomaž Vesel"),
        ("Slovak Defence Minister", "Robert Kaliňák"),
        ("Croatian minister", "Gordan Grlić Radman"),
        ("Bosnian official", "Žarko Korać"),
        ("Slovenian Prime Minister", "Robert Golob"),
    ],
}
PLACES = [
    "Wrocław", "Białystok", "Łódź", "Bełchatów", "Przemyśl", "Rzeszów", "Gdańsk", "Kraków",
    "Győr", "Kőszeg", "Pécs", "Székesfehérvár", "Hódmezővásárhely", "Debrecen", "Budapest",
    "Žilina", "Ružomberok", "Košice", "Bratislava", "Niš", "Šibenik", "Ljubljana", "Mostar",
    "Málaga", "Bogotá", "Brasília", "Zürich", "Düsseldorf", "Kyiv", "Moscow", "Vilnius",
    "Šiauliai", "Plzeň", "Olomouc", "Ostrava", "Brno", "Podgorica", "Sarajevo", "Zagreb",
    "Kryvyĭ Rih", "Zaporizhzhia", "Kharkiv", "Poznań", "Szczecin", "Toruń", "Częstochowa",
]  # fmt: skip
WORDS = [
    ("the Sejm", "Poland’s lower house"),
    ("Solidarność", "the trade union"),
    ("the Országház", "Hungary’s parliament building"),
    ("the Hrad", "the Czech presidential office"),
    ("the złoty", "Poland’s currency"),
    ("the forint", "Hungary’s currency"),
    ("Národná rada", "the Slovak parliament"),
    ("Poslanecká sněmovna", "the Czech lower house"),
    ("Državni zbor", "the Slovenian parliament"),
    ("the Verkhovna Rada", "Ukraine’s parliament"),
    ("Sabor", "the Croatian parliament"),
    ("Fidesz–KDNP", "the ruling alliance"),
    ("Prawo i Sprawiedliwość", "the Law and Justice party"),
    ("Hlas–SD", "the coalition partner"),
]  # fmt: skip
RUSSIAN = [
    ("Пётр Толстой", "Pyotr Tolstoy"),
    ("Фёдор Лукьянов", "Fyodor Lukyanov"),
    ("Артём Жога", "Artyom Zhoga"),
    ("Алёна Шкрум", "Alyona Shkrum"),
    ("Михаил Горбачёв", "Mikhail Gorbachev"),
    ("Никита Хрущёв", "Nikita Khrushchev"),
    ("Семён Слепаков", "Semyon Slepakov"),
    ("Пётр Порошенко", "Petro Poroshenko"),
    ("Сергей Королёв", "Sergei Korolev"),
    ("Алексей Навальный", "Alexei Navalny"),
]  # fmt: skip
RUSSIAN_SENTENCES = [
    "{ru} заявил, что переговоры ещё не закончены.",
    "{ru} считает, что всё решится до конца недели.",
    "«Мы ещё вернёмся к этому вопросу», — сказал {ru}.",
    "{ru} отметил, что её позиция не изменилась.",
    "Встреча в Орёле прошла без журналистов, сообщил {ru}.",
]
CJK_FRAMES = [
    "Beijing，March 5 （Xinhua）— {role} {person} met Chinese officials。",
    "According to 《People’s Daily》, {person} praised the 「Belt and Road」 initiative.",
    "The 《Global Times》 quoted {person} as saying the talks were 「candid」.",
    "{person}：“We are ready to talk、but not at any price。”",
    "State media （CCTV） said {person} would visit {place} next month.",
    "{person} arrived in Beijing on Tuesday 【updated】 for talks with Wang Yi.",
    "The statement said 『peace』 and 『dialogue』, {person} told reporters in {place}.",
]
FRAMES = [
    "{role} {person} met {person2} in {place} on Tuesday.",
    "“We will not give in,” {person} told reporters in {place}.",
    "{person} said the talks with {person2} had been “constructive.”",
    "{role} {person} arrived in {place} late on Monday, officials said.",
    "In a phone call, {person} and {person2} discussed energy and security.",
    "{person}, {role}, rejected the claim made by {person2}.",
    "The visit by {person} to {place} was the first since 2019.",
    "{person} told {word} that the budget would be revised.",
    "Speaking in {place}, {person} said {word} would vote in March.",
    "{word}, {gloss}, backed the plan proposed by {person}.",
    "Protesters gathered in {place} as {person} spoke in {place2}.",
    "{person} (pictured) said {place} would host the summit, not {place2}.",
    "A spokesman for {person} declined to comment on the report from {place}.",
    "{role} {person} will travel to {place} and {place2} next week.",
    "{person} and {person2} signed the agreement in {place} — a first.",
    "Asked about {person2}, {person} said: “It is not over.”",
    "The mayor of {place} welcomed {person} at the airport.",
    "{person} said {ru_lat}, in Russian {ru}, had been invited.",
    "{person} met {ru_lat} ({ru}) on the sidelines of the forum in {place}.",
    "Shares rose after {person} said {word} would back the reform.",
    "{person}’s office said the meeting in {place} had been postponed.",
]


def _chinese_sources(count: int) -> list[str]:
    """Short Chinese MQM sources with CJK punctuation, in corpus order."""
    found: list[str] = []
    with gzip.open(MQM, "rt", encoding="utf-8") as handle:
        for line in handle:
            source = json.loads(line)["source"]
            if (
                source not in found
                and 12 <= len(source) <= 40
                and re.search("[、，：《》（）]", source)
            ):
                found.append(source)
            if len(found) == count:
                break
    return found


def sentences(count: int = 240, seed: int = 2026) -> list[str]:
    """``count`` distinct sentences, the same on every run."""
    rng = random.Random(seed)
    people = [p for group in PEOPLE.values() for p in group]
    found: list[str] = []
    for source in _chinese_sources(16):
        found.append(source)
    while len(found) < count:
        letter = rng.choice(list(PEOPLE))
        role, person = rng.choice(PEOPLE[letter])
        _, person2 = rng.choice([p for p in people if p[1] != person])
        place, place2 = rng.sample(PLACES, 2)
        word, gloss = rng.choice(WORDS)
        ru, ru_lat = rng.choice(RUSSIAN)
        kind = rng.random()
        if kind < 0.1:
            frame = rng.choice(RUSSIAN_SENTENCES)
        elif kind < 0.25:
            frame = rng.choice(CJK_FRAMES)
        else:
            frame = rng.choice(FRAMES)
        sentence = frame.format(
            role=role, person=person, person2=person2, place=place, place2=place2,
            word=word, gloss=gloss, ru=ru, ru_lat=ru_lat,
        )  # fmt: skip
        sentence = sentence[0].upper() + sentence[1:]
        if sentence not in found and not sentence.isascii():
            found.append(sentence)
    return found


def part(sentence: str) -> str:
    """``tuning`` or ``held-out``, fixed by the sentence itself."""
    digest = hashlib.sha256(sentence.encode("utf-8")).digest()
    return "tuning" if digest[0] % 2 == 0 else "held-out"


_WORD = re.compile(r"[^\s]+")
_PUNCTUATION = "\"'“”‘’„«»()（）.,;:!?。，、：；！？「」『』《》【】—"


def _non_ascii_words(sentence: str) -> list[tuple[int, int]]:
    """Spans of the words with non-ASCII letters, without the punctuation around them."""
    spans = []
    for m in _WORD.finditer(sentence):
        word = m.group()
        core = word.strip(_PUNCTUATION)
        if core and not core.isascii() and any(c.isalpha() and not c.isascii() for c in core):
            start = m.start() + word.index(core)
            spans.append((start, start + len(core)))
    return spans


def _corrupt(text: str, codepage: str) -> str | None:
    try:
        return text.encode("utf-8").decode(codepage)
    except UnicodeDecodeError:
        return None


def cases(sentences_: Iterable[str]) -> Iterator[dict[str, str]]:
    """Every case of every sentence in every code page: id, part, kind, codepage, original,
    corrupt."""
    for number, sentence in enumerate(sentences_):
        spans = _non_ascii_words(sentence)
        rng = random.Random(f"{number}:{sentence}")
        # a word alone on a line is a name or a word of three letters or more (a byline, a
        # caption): "к" alone cannot be told from the Ukrainian "Рє" it becomes in Windows-1251
        named = [(a, b) for a, b in spans if b - a >= 3 and (a, b) != (0, len(sentence))]
        alone = rng.choice(named) if named else None
        mixed = rng.choice(spans) if len(spans) >= 2 else None
        for codepage in CODEPAGES:
            shapes: list[tuple[str, str, str | None]] = [
                ("line", sentence, _corrupt(sentence, codepage))
            ]
            if alone:
                word = sentence[alone[0] : alone[1]]
                shapes.append(("word", word, _corrupt(word, codepage)))
            if mixed:
                start, end = mixed
                bad = _corrupt(sentence[start:end], codepage)
                if bad is not None:
                    bad = sentence[:start] + bad + sentence[end:]
                shapes.append(("mixed", sentence, bad))
            for kind, original, corrupt in shapes:
                if corrupt is not None and corrupt != original:
                    yield {
                        "id": f"s{number:03d}-{kind}-{codepage}",
                        "part": part(sentence),
                        "kind": kind,
                        "codepage": codepage,
                        "original": original,
                        "corrupt": corrupt,
                    }


def write(path: Path = SET) -> int:
    rows = list(cases(sentences()))
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def load(which: str | None = None, path: Path = SET) -> list[dict[str, str]]:
    """The committed cases, of one part (``tuning``, ``held-out``) or all."""
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [r for r in rows if which is None or r["part"] == which]


@dataclass
class Outcome:
    """How a fixer did on a set of cases.

    ``ok``: ``fix(corrupt) == fix(original)``. ``wrong``: a word the fixer changed came out other
    than in ``fix(original)`` (one corruption replaced by another, or a clean word spoiled).
    ``missed``: neither: some corruption was left as it was (``flagged`` of them with a finding).
    """

    total: int = 0
    ok: int = 0
    wrong: int = 0
    missed: int = 0
    flagged: int = 0
    by_codepage: dict[str, Counter[str]] = field(default_factory=dict)
    by_kind: dict[str, Counter[str]] = field(default_factory=dict)
    wrong_cases: list[tuple[str, str, str, str]] = field(default_factory=list)
    missed_cases: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.ok / self.total if self.total else 1.0


def verdict(expected: str, corrupt: str, output: str) -> str:
    """``ok``, ``wrong`` or ``missed`` (see :class:`Outcome`)."""
    if output == expected:
        return "ok"
    want, had, got = expected.split(" "), corrupt.split(" "), output.split(" ")
    if len(want) == len(had) == len(got):
        changed = [i for i in range(len(got)) if got[i] != had[i]]
        return "wrong" if any(got[i] != want[i] for i in changed) else "missed"
    return "missed" if output == corrupt else "wrong"


def evaluate(rows: Iterable[dict[str, str]], fix: Callable[[str], tuple[str, bool]]) -> Outcome:
    """Run ``fix`` (text → fixed text, whether anything was flagged) over ``rows``."""
    outcome = Outcome()
    expected_of: dict[str, str] = {}
    for row in rows:
        original = row["original"]
        if original not in expected_of:
            expected_of[original] = fix(original)[0]
        expected = expected_of[original]
        output, flagged = fix(row["corrupt"])
        result = verdict(expected, row["corrupt"], output)
        outcome.total += 1
        setattr(outcome, result, getattr(outcome, result) + 1)
        if result == "missed" and flagged:
            outcome.flagged += 1
        for table, key in ((outcome.by_codepage, row["codepage"]), (outcome.by_kind, row["kind"])):
            table.setdefault(key, Counter())[result] += 1
            table[key]["total"] += 1
        if result == "wrong":
            outcome.wrong_cases.append((row["id"], row["corrupt"], output, expected))
        elif result == "missed":
            outcome.missed_cases.append((row["id"], row["corrupt"], output, expected))
    return outcome


if __name__ == "__main__":
    count = write()
    rows = load()
    print(f"{count} cases in {SET.relative_to(DATA.parent.parent)}")
    for name in ("tuning", "held-out"):
        subset = [r for r in rows if r["part"] == name]
        count = len({r["id"].split("-")[0] for r in subset})
        print(f"  {name}: {len(subset)} cases of {count} sentences")
