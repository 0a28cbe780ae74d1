"""The published tables of a report: one scope (the nation or one county) and one month.

Every number a report publishes is a cell of one dataset, region × measure,
for the month: the scope itself and its parts (the counties of the nation, the
reporting areas of a county). The numbers come from `statistics.compute`
through the aggregates' `display…` properties, and a person-count measure is
guarded once more when its cell is stored, so no export can show a count of
1, 2 or 3. Values are rounded to their measure's decimals here, once, so that
CSV, JSON-stat, Excel and PDF show the same numbers.

What may be published (kroner follow the recipients' dots, in each area and in
every sum) is decided by `malekort.domain.publication`, as for every page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from malekort.areas.models import Region
from malekort.domain import publication
from malekort.domain.aggregation import Aggregate, AreaAmount, IndicatorAggregate, components
from malekort.domain.amounts import NOT_APPLICABLE, NOT_YET, Amount
from malekort.domain.charts import format_number
from malekort.domain.indicators import definitions as d
from malekort.domain.indicators.evaluation import numerator_is_count
from malekort.domain.keyfigures import RECIPIENTS, KeyFigure
from malekort.domain.periods import Period, label
from malekort.domain.regions import NATION_CODE, Level
from malekort.domain.symbols import SYMBOL_LABELS
from malekort.figures.catalogue import all_figures
from malekort.figures.todays_borders import grouped_notes
from malekort.indicators.models import Indicator
from malekort.indicators.selectors import versions_by_code
from malekort.statistics.compute import Loaded, expected_areas, figure_aggregates, load, table

NATION_SLUG = "riket"
NATION_NAME = "Hele landet"

# Units of measures, as JSON-stat and the CSV name them.
PERSONS = "personer"
KRONER = "kroner"
AREAS = "områder"
FRACTION = "andel"
PERCENT = "prosent"

# The measures of a key figure for the month, and of its change from the same month last year.
FIGURE_KEYS = ("known_sum", "dotted", "missing", "lower", "upper", "coverage")
CHANGE_KEYS = ("compared", "earlier_sum", "later_sum", "difference", "relative")
INDICATOR_KEYS = ("value", "numerator", "denominator", "used", "coverage")
COVERAGE_DECIMALS = 4
RELATIVE_DECIMALS = 1


@dataclass(frozen=True, slots=True)
class Place:
    """A region a report covers or lists: the nation, a county or a reporting area."""

    code: str
    name: str

    @property
    def slug(self) -> str:
        """Return the place as written in URLs and file names: «riket» or the code."""
        return NATION_SLUG if self.code == NATION_CODE else self.code

    @property
    def label(self) -> str:
        """Return the code and the name, for example «42 Agder», or «Hele landet»."""
        return self.name if self.code == NATION_CODE else f"{self.code} {self.name}"


@dataclass(frozen=True, slots=True)
class Measure:
    """One published variable (SSB's «statistikkvariabel»): a measure of a key figure or an indicator."""

    subject: str  # the key figure or indicator code
    key: str  # one of FIGURE_KEYS, CHANGE_KEYS or INDICATOR_KEYS
    label: str  # the whole name, for JSON-stat and CSV
    heading: str  # the short column heading of a table
    unit: str
    decimals: int = 0
    person_count: bool = False  # a count of persons: never published between 1 and 3

    @property
    def code(self) -> str:
        """Return the measure's code, for example «SH_MOTTAKERE.known_sum» or «B.101.value»."""
        return f"{self.subject}.{self.key}"


@dataclass(frozen=True, slots=True)
class Published:
    """One cell of the dataset as it may leave the system: a rounded number, or an SSB symbol."""

    region: str
    measure: Measure
    amount: Amount

    @property
    def value(self) -> float | None:
        return self.amount.value

    @property
    def symbol(self) -> str:
        return self.amount.symbol

    def machine_value(self) -> int | float | None:
        """Return the number for JSON and Excel: an int when the measure has no decimals."""
        if self.amount.value is None:
            return None
        return int(self.amount.value) if self.measure.decimals == 0 else self.amount.value

    def machine_text(self) -> str:
        """Return the number for CSV (decimal point, no grouping), or "" when there is none."""
        if self.amount.value is None:
            return ""
        return number_text(self.amount.value, self.measure.decimals)

    def text(self) -> str:
        """Return the cell as a Norwegian reader sees it: «1 234», «87,5 %», «3,34 %» or a symbol."""
        value = self.amount.value
        if value is None:
            return self.amount.symbol
        if self.measure.unit == FRACTION:
            return f"{format_number(value * 100, decimals=1)}\u00a0%"
        number = format_number(value, decimals=self.measure.decimals)
        return f"{number}\u00a0%" if self.measure.unit == PERCENT else number


@dataclass(frozen=True, slots=True)
class TableRow:
    code: str
    label: str
    cells: tuple[Published, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A published table: a row per figure, indicator or area, a column per measure."""

    key: str  # a short name, also the Excel sheet's name (at most 31 characters)
    title: str
    stub: str  # the heading of the label column
    headings: tuple[str, ...]
    rows: tuple[TableRow, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Definition:
    """A key figure or an indicator (the version in force for the month), in words."""

    code: str
    name: str
    text: str


@dataclass(frozen=True)
class Report:
    """Everything a report publishes for one scope and month."""

    scope: Place
    month: Period
    generated: datetime
    parts: tuple[Place, ...]
    measures: tuple[Measure, ...]
    cells: Mapping[tuple[str, str], Amount]  # (region code, measure code) → published amount
    figures: tuple[KeyFigure, ...]
    indicators: tuple[d.IndicatorVersion, ...]  # the versions in force for the month
    tables: tuple[Table, ...]
    notes: tuple[str, ...]
    definitions: tuple[Definition, ...]

    @property
    def is_nation(self) -> bool:
        return self.scope.code == NATION_CODE

    @property
    def regions(self) -> tuple[Place, ...]:
        """Return the scope and then its parts, as the dataset lists them."""
        return (self.scope, *self.parts)

    @property
    def parts_name(self) -> tuple[str, str]:
        """Return what a part is called, singular and plural: fylke(r) for the nation, område(r) for a county."""
        return ("fylke", "fylker") if self.is_nation else ("område", "områder")

    @property
    def title(self) -> str:
        return f"Økonomisk sosialhjelp – {self.scope.name}, {label(self.month)}"

    @property
    def file_stem(self) -> str:
        """Return the file name without extension, for example «malekort-riket-2025-03»."""
        return f"malekort-{self.scope.slug}-{self.month}"

    def measure(self, code: str) -> Measure:
        """Return the measure with the code; KeyError if the report has none."""
        for measure in self.measures:
            if measure.code == code:
                return measure
        raise KeyError(code)

    def cell(self, region: str, measure: Measure) -> Published:
        """Return the published cell of a region and a measure (not applicable when the dataset has none)."""
        return Published(region, measure, self.cells.get((region, measure.code), NOT_APPLICABLE))

    def published(self) -> Iterable[Published]:
        """Return every cell of the dataset, region by region in measure order."""
        for region in self.regions:
            for measure in self.measures:
                yield self.cell(region.code, measure)

    @property
    def symbol_legend(self) -> tuple[tuple[str, str], ...]:
        """Return SSB's symbols with their explanations."""
        return tuple(SYMBOL_LABELS.items())


def number_text(value: float, decimals: int) -> str:
    """Return a number rounded half up, with a decimal point and no grouping, for machine-read files."""
    rounded = _decimal(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)  # never «-0»
    return f"{rounded:f}"


def ssb_month(period: Period) -> str:
    """Return the month as SSB's statistics bank writes it, for example «2025M03»."""
    return f"{period.year:04d}M{period.month:02d}"


def counties() -> list[Place]:
    """Return the counties (fylker) with areas that are expected to report, by code."""
    expected = expected_areas()
    rows = Region.objects.filter(level=Level.FYLKE.value).order_by("code").values_list("code", "name")
    return [Place(code, name) for code, name in rows if components(code, expected)]


def scope_place(slug: str) -> Place | None:
    """Return the scope named in a URL or on the command line («riket» or a county code), or None."""
    if slug in (NATION_SLUG, NATION_CODE):
        return Place(NATION_CODE, NATION_NAME)
    return next((county for county in counties() if county.code == slug), None)


@dataclass(frozen=True, slots=True)
class FigureSummary:
    """A key figure over one region for one month, as it may be published (the statistics command's row)."""

    region: str
    published: publication.PublishedFigure

    @property
    def aggregate(self) -> Aggregate:
        return self.published.aggregate

    @property
    def known_sum(self) -> Amount:
        return _guarded(self.published.known_sum, self.aggregate.is_count)

    @property
    def lower(self) -> Amount:
        return _guarded(self.published.lower, self.aggregate.is_count)

    @property
    def upper(self) -> Amount:
        return self.published.upper

    @property
    def coverage(self) -> Amount:
        return _coverage(self.aggregate)


def figure_summaries(region_codes: Sequence[str], figure: KeyFigure, month: Period) -> list[FigureSummary]:
    """Return the key figure over each region for the month: known sum, dots, missing, bounds and coverage."""
    codes = [figure.code, *([figure.dotted_with] if figure.dotted_with else [])]
    loaded = load(region_codes, codes, [], [month])
    aggregates = figure_aggregates(region_codes, figure, [month], loaded)
    return [
        FigureSummary(region, _published(figure, region, month, loaded, aggregates[(region, month)]))
        for region in region_codes
    ]


def build_report(scope: Place, month: Period, *, now: datetime | None = None) -> Report:
    """Return the published dataset, tables, notes and definitions of a scope for a month."""
    generated = timezone.localtime(now or timezone.now())
    expected = expected_areas()
    if scope.code == NATION_CODE:
        parts = tuple(counties())
    else:
        codes = components(scope.code, expected)
        names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
        parts = tuple(Place(code, names.get(code, code)) for code in codes)
    regions = [scope.code, *(p.code for p in parts)]
    catalogue = all_figures()
    figures = tuple(catalogue.values())
    versions = _versions_in_force(month)
    all_versions = [v for v, _ in versions]
    earlier = month.same_month_last_year
    loaded = load(
        regions, [f.code for f in figures] + [c for v in all_versions for c in v.figures()],
        {b for v in all_versions for b in v.bands()}, [earlier, month],
    )
    builder = _Builder(month, earlier, loaded)
    areas = table(loaded, [month])  # one frame for every figure and indicator
    found = areas.figure_aggregates(figures)
    aggregates = {f.code: {(r, m): v for (r, c, m), v in found.items() if c == f.code} for f in figures}
    for figure in figures:
        for region in regions:
            builder.figure(figure, region, aggregates[figure.code][(region, month)])
    for version, all_of_indicator in versions:
        values = areas.indicator_aggregates(all_of_indicator, catalogue)
        for region in regions:
            builder.indicator(version, region, values[(region, month)], catalogue)
    area_codes = {a for r in regions for a in loaded.parts[r]}
    report = Report(
        scope=scope,
        month=month,
        generated=generated,
        parts=parts,
        measures=tuple(builder.measures.values()),
        cells=builder.cells,
        figures=figures,
        indicators=tuple(all_versions),
        tables=(),
        notes=(),
        definitions=_definitions(figures, all_versions, catalogue),
    )
    notes = _notes(report, aggregates, grouped_notes(loaded.figures.notes, area_codes))
    return replace(report, tables=_tables(report), notes=tuple(notes))


# Building the cells


class _Builder:
    """Collects the measures and the published cells, rounding and guarding each one."""

    def __init__(self, month: Period, earlier: Period, loaded: Loaded) -> None:
        self.month = month
        self.earlier = earlier
        self.loaded = loaded
        self.measures: dict[str, Measure] = {}
        self.cells: dict[tuple[str, str], Amount] = {}

    def put(self, region: str, measure: Measure, amount: Amount) -> None:
        self.measures.setdefault(measure.code, measure)
        if amount.value is not None:
            amount = Amount.known(_quantize(amount.value, measure.decimals))
        self.cells[(region, measure.code)] = _guarded(amount, measure.person_count)

    def figure(self, figure: KeyFigure, region: str, aggregate: Aggregate) -> None:
        published = _published(figure, region, self.month, self.loaded, aggregate)
        counted = published.aggregate  # kroner hidden by their recipients count as dots
        measures = _figure_measures(figure, self.month, self.earlier)
        self.put(region, measures["known_sum"], published.known_sum)
        self.put(region, measures["dotted"], Amount.known(counted.dotted))
        self.put(region, measures["missing"], Amount.known(counted.missing))
        self.put(region, measures["lower"], published.lower)
        self.put(region, measures["upper"], published.upper)
        self.put(region, measures["coverage"], _coverage(counted))
        change = publication.publish_change(
            figure, _areas(self.loaded, figure.code, region, self.earlier),
            _areas(self.loaded, figure.code, region, self.month),
            _leaders(self.loaded, figure, region, self.earlier), _leaders(self.loaded, figure, region, self.month),
        )
        self.put(region, measures["compared"], Amount.known(change.compared))
        self.put(region, measures["earlier_sum"], change.earlier_sum)
        self.put(region, measures["later_sum"], change.later_sum)
        self.put(region, measures["difference"], change.difference)
        self.put(region, measures["relative"], change.relative.scaled(100))

    def indicator(
        self, version: d.IndicatorVersion, region: str, value: IndicatorAggregate | None,
        catalogue: Mapping[str, KeyFigure],
    ) -> None:
        measures = _indicator_measures(version, catalogue)
        if value is None:
            for measure in measures.values():
                self.put(region, measure, NOT_APPLICABLE)
            return
        constant = version.denominator.kind is d.TermKind.CONSTANT
        self.put(region, measures["value"], value.display)
        self.put(region, measures["numerator"], value.display_numerator)
        self.put(region, measures["denominator"], NOT_APPLICABLE if constant else value.display_denominator)
        self.put(region, measures["used"], Amount.known(value.used))
        self.put(region, measures["coverage"], _share(value.population.share, value.population.is_complete))



def _areas(loaded: Loaded, code: str, region: str, month: Period) -> list[AreaAmount]:
    """Return the region's areas with their own value of a figure and their 18–66 population."""
    return [
        AreaAmount(area, loaded.figures.get(area, code, month), loaded.population(area, month.year))
        for area in loaded.parts[region]
    ]


def _leaders(loaded: Loaded, figure: KeyFigure, region: str, month: Period) -> dict[str, Amount] | None:
    """Return the region's areas' values of the figure this one follows (recipients for kroner), if any."""
    if figure.dotted_with is None:
        return None
    return {area: loaded.figures.get(area, figure.dotted_with, month) for area in loaded.parts[region]}


def _published(
    figure: KeyFigure, region: str, month: Period, loaded: Loaded, aggregate: Aggregate
) -> publication.PublishedFigure:
    return publication.publish_figure(
        figure, _areas(loaded, figure.code, region, month), _leaders(loaded, figure, region, month),
        computed=aggregate,
    )


def _coverage(aggregate: Aggregate) -> Amount:
    return _share(aggregate.coverage, aggregate.population.is_complete)


def _share(share: float | None, complete: bool) -> Amount:
    if share is None:
        # No population at all: SSB has not published it yet, or there are no expected areas.
        return NOT_YET if not complete else NOT_APPLICABLE
    return Amount.known(share)


def _guarded(amount: Amount, person_count: bool) -> Amount:
    """Return the amount, dotted if it is a count of persons between 0 and 4 (the last guard)."""
    return amount.shown(is_count=person_count)


def _decimal(value: float, decimals: int) -> Decimal:
    # Via the shortest repr, so that 0.66665 rounds up as a reader expects (as `format_number` does).
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _quantize(value: float, decimals: int) -> float:
    return float(_decimal(value, decimals))


def _figure_measures(figure: KeyFigure, month: Period, earlier: Period) -> dict[str, Measure]:
    unit = PERSONS if figure.is_count else KRONER
    name = figure.short_name[:1].upper() + figure.short_name[1:]
    count = figure.is_count

    def measure(key: str, heading: str, unit: str = unit, decimals: int = 0, person_count: bool = False) -> Measure:
        return Measure(figure.code, key, f"{name}: {heading[:1].lower()}{heading[1:]}", heading, unit, decimals,
                       person_count)

    return {
        "known_sum": measure("known_sum", "Kjent sum", person_count=count),
        "dotted": measure("dotted", "Prikkede områder", AREAS),
        "missing": measure("missing", "Områder uten tall", AREAS),
        "lower": measure("lower", "Nedre grense", person_count=count),
        "upper": measure("upper", "Øvre grense"),
        "coverage": measure("coverage", "Dekning", FRACTION, COVERAGE_DECIMALS),
        "compared": measure("compared", "Områder sammenlignet", AREAS),
        "earlier_sum": measure("earlier_sum", f"Sum {label(earlier)}", person_count=count),
        "later_sum": measure("later_sum", f"Sum {label(month)}", person_count=count),
        "difference": measure("difference", "Endring"),
        "relative": measure("relative", "Endring i prosent", PERCENT, RELATIVE_DECIMALS),
    }


def _indicator_measures(version: d.IndicatorVersion, catalogue: Mapping[str, KeyFigure]) -> dict[str, Measure]:
    def term_unit(term: d.Term) -> str:
        if term.kind is d.TermKind.FIGURE and term.figure is not None and term.figure in catalogue:
            return PERSONS if catalogue[term.figure].is_count else KRONER
        return PERSONS

    denominator_counts = (
        version.denominator.kind is d.TermKind.FIGURE
        and version.denominator.figure is not None
        and catalogue[version.denominator.figure].is_count
    )

    def measure(key: str, heading: str, unit: str, decimals: int = 0, person_count: bool = False) -> Measure:
        return Measure(version.code, key, f"{version.code} {version.name}: {heading.lower()}", heading, unit,
                       decimals, person_count)

    return {
        "value": measure("value", "Verdi", PERCENT if version.is_share else version.unit, version.decimals,
                         version.is_count),
        "numerator": measure("numerator", "Teller", term_unit(version.numerator),
                             person_count=numerator_is_count(version, catalogue)),
        "denominator": measure("denominator", "Nevner", term_unit(version.denominator),
                               person_count=denominator_counts),
        "used": measure("used", "Områder brukt", AREAS),
        "coverage": measure("coverage", "Dekning", FRACTION, COVERAGE_DECIMALS),
    }


def _versions_in_force(month: Period) -> list[tuple[d.IndicatorVersion, list[d.IndicatorVersion]]]:
    """Return the recommended indicators in force for the month: the version, and all versions of it."""
    indicators = list(Indicator.objects.filter(owner__isnull=True).order_by("sort_order", "code"))
    by_code = versions_by_code(indicators)
    result = []
    for indicator in indicators:
        versions = by_code.get(indicator.code, [])
        version = d.version_in_force(versions, month)
        if version is not None:
            result.append((version, versions))
    return result


# Tables, notes and definitions


def _tables(report: Report) -> tuple[Table, ...]:
    scope, month = report.scope.code, report.month
    earlier = month.same_month_last_year

    def row(code: str, text: str, region: str, measure_codes: Sequence[str]) -> TableRow:
        return TableRow(code, text, tuple(report.cell(region, report.measure(m)) for m in measure_codes))

    figure_rows = tuple(
        row(f.code, _capital(f.short_name), scope, [f"{f.code}.{k}" for k in FIGURE_KEYS]) for f in report.figures
    )
    change_rows = tuple(
        row(f.code, _capital(f.short_name), scope, [f"{f.code}.{k}" for k in CHANGE_KEYS]) for f in report.figures
    )
    indicator_rows = tuple(
        row(v.code, f"{v.code} {v.name}", scope, [f"{v.code}.{k}" for k in INDICATOR_KEYS]) for v in report.indicators
    )
    singular, plural = report.parts_name
    total = f"{report.scope.name} i alt" if not report.is_nation else NATION_NAME
    places = [*((p.code, p.label) for p in report.parts), (scope, total)]
    part_figures = tuple(
        row(code, text, code, [f"{f.code}.known_sum" for f in report.figures]) for code, text in places
    )
    part_indicators = tuple(
        row(code, text, code, [f"{v.code}.value" for v in report.indicators]) for code, text in places
    )
    first = report.figures[0].code if report.figures else ""
    tables = [
        Table(
            "Nøkkeltall", f"Nøkkeltall, {report.scope.name}, {label(month)}", "Nøkkeltall",
            _headings(report, first, FIGURE_KEYS), figure_rows,
            "Kjent sum er summen av tallene som er rapportert. Nedre og øvre grense gir spennet for den sanne "
            "summen av områdene som har rapportert (hver prikk er mellom 0 og 3). Dekning er andelen av "
            "befolkningen 18–66 år som bor i områdene med kjent tall.",
        ),
        Table(
            "Samme måned i fjor", f"Endring fra {label(earlier)} til {label(month)}, samme områder", "Nøkkeltall",
            _headings(report, first, CHANGE_KEYS), change_rows,
            "Bare områder som har rapportert tall i begge månedene er sammenlignet (like med like).",
        ),
    ]
    if report.indicators:
        tables.append(Table(
            "Indikatorer", f"Indikatorer, {report.scope.name}, {label(month)}", "Indikator",
            _headings(report, report.indicators[0].code, INDICATOR_KEYS), indicator_rows,
            "Indikatorene er beregnet på områdene der både teller og nevner er kjent.",
        ))
    if report.parts:
        tables.append(Table(
            _capital(plural), f"Nøkkeltall etter {singular}, {label(month)}", _capital(singular),
            tuple(_capital(f.short_name) for f in report.figures), part_figures,
            "Kjent sum for hvert fylke." if report.is_nation else "Hvert områdes registrerte tall.",
        ))
        if report.indicators:
            tables.append(Table(
                f"Indikatorer etter {singular}", f"Indikatorer etter {singular}, {label(month)}", _capital(singular),
                tuple(f"{v.code} ({'%' if v.is_share else v.unit})" for v in report.indicators), part_indicators,
            ))
    return tuple(tables)


def _headings(report: Report, subject: str, keys: Sequence[str]) -> tuple[str, ...]:
    return tuple(report.measure(f"{subject}.{key}").heading for key in keys)


def _notes(
    report: Report, aggregates: Mapping[str, Mapping[tuple[str, Period], Aggregate]], border_notes: Sequence[str]
) -> list[str]:
    month = report.month
    notes = []
    recipients = aggregates.get(RECIPIENTS)
    if recipients is not None:
        aggregate = recipients[(report.scope.code, month)]
        coverage = report.cell(report.scope.code, report.measure(f"{RECIPIENTS}.coverage")).text()
        notes.append(
            f"Dekning: {aggregate.known} av {aggregate.expected} områder har rapportert antall mottakere for "
            f"{label(month)}, {aggregate.dotted} har rapportert prikk og {aggregate.missing} har ikke rapportert. "
            f"Områdene med kjent tall har {coverage} av befolkningen 18–66 år."
        )
        if not aggregate.population.is_complete:
            notes.append(
                f"SSB-befolkning mangler for {len(aggregate.population.without_population)} områder; "
                "dekningen er derfor lavere enn den egentlig er."
            )
    notes += [
        "Prikker: Et område med færre enn 4 personer registrerer en prikk i stedet for tallet (brevet fra 2023). "
        "Hver prikk skjuler et tall mellom 0 og 3. Nedre grense regner alle prikker som 0, øvre grense som 3. "
        "Kroner prikkes sammen med antall mottakere, og da finnes ingen øvre grense for kronebeløpet.",
        "Personvern: Ingen sum av personer mellom 1 og 3 publiseres. En slik sum, og tall som kan regnes "
        "tilbake til den, vises som «:».",
        "Frafall: Rapporteringen er frivillig. Områder uten tall har ikke rapportert for måneden og er ikke med "
        "i summene; kjent sum er derfor ikke hele fylkets eller landets tall.",
        "Sammenligning: Endring fra samme måned i fjor beregnes bare på områdene som har rapportert tall i "
        "begge månedene.",
        "Indikatorer: Andeler for fylke og land bruker bare områdene der telleren er kjent, og befolkningen i "
        "de samme områdene som nevner (SSB, 1. januar).",
        *border_notes,
    ]
    return notes


def _definitions(
    figures: Sequence[KeyFigure], versions: Sequence[d.IndicatorVersion], catalogue: Mapping[str, KeyFigure]
) -> tuple[Definition, ...]:
    names = {code: figure.name for code, figure in catalogue.items()}
    result = [
        Definition(f.code, f.name, f"Enhet: {f.unit.label}. Over tid: {f.over_time.label}.") for f in figures
    ]
    for v in versions:
        until = f" til {label(v.valid_to)}" if v.valid_to else ""
        result.append(Definition(
            v.code, v.name,
            f"{v.description} Teller: {v.numerator.describe(names)}. Nevner: {v.denominator.describe(names)}. "
            f"Versjonen gjelder fra {label(v.valid_from)}{until}.",
        ))
    return tuple(result)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]

