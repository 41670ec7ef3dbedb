"""An admin's writes to areas and their postcode coverage, each all or nothing in one transaction.

A postcode resolves to the most specific prefix that covers it (domain.postcode.lookup_prefixes),
so an area may hold a district while another holds one of its sectors (as the seed's Wrexham holds
'LL13 7'). What an area may not take is a prefix another area holds, or a sector of a district
another area holds: those postcodes are covered already. The transaction's conditions keep that
rule against an admin editing another area at the same moment.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from pynamodb.exceptions import TransactWriteError
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from bobbies.domain.areas import AreaChange
from bobbies.domain.errors import Conflict, InvalidInput, NotFound
from bobbies.domain.model import Area, District, Round, RoundSettings
from bobbies.domain.postcode import district_of
from bobbies.store import catalogue, round_keys
from bobbies.store.models import AreaModel, PostcodeModel, RoundModel, bound, connection
from bobbies.store.verification_models import RoundKeyModel


def districts() -> dict[str, District]:
    """The force's districts, as the areas in them name them (the seed writes each with its areas)."""
    return {area.district.id: area.district for area in catalogue.all_areas()}


def district(district_id: str) -> District:
    found = districts().get(district_id)
    if found is None:
        raise InvalidInput("district_not_found")
    return found


def coverage() -> dict[str, list[str]]:
    """Every area's postcode prefixes, sorted. A scan: the table is a few hundred items, read rarely."""
    held: dict[str, list[str]] = defaultdict(list)
    for item in bound(PostcodeModel).scan():
        held[item.area_id].append(item.prefix)
    return {area_id: sorted(prefixes) for area_id, prefixes in held.items()}


def _holder(prefix: str) -> str | None:
    try:
        return str(bound(PostcodeModel).get(prefix).area_id)
    except PostcodeModel.DoesNotExist:
        return None


def _refuse_taken(area_id: str, adding: Iterable[str]) -> None:
    """A clear 409 before the transaction, which would only say that some condition failed."""
    for prefix in adding:
        for covering in {prefix, district_of(prefix)}:
            if _holder(covering) not in (None, area_id):
                raise Conflict("postcode_taken", prefix=prefix)


def _coverage_writes(
    transaction: TransactWrite, area_id: str, held: set[str], wanted: tuple[str, ...]
) -> None:
    model = bound(PostcodeModel)
    mine = model.area_id == area_id
    for prefix in wanted:
        if prefix not in held:
            transaction.save(model(prefix, area_id=area_id), condition=model.prefix.does_not_exist() | mine)
        covering = district_of(prefix)
        if covering != prefix and covering not in held and covering not in wanted:
            transaction.condition_check(model, covering, condition=model.prefix.does_not_exist() | mine)
    for prefix in held - set(wanted):
        transaction.delete(model(prefix), condition=mine)


def _commit(writes: Callable[[TransactWrite], None]) -> None:
    """Makes the writes in one transaction; a condition that did not hold is a 409."""
    try:
        with TransactWrite(connection=connection()) as transaction:
            writes(transaction)
    except TransactWriteError as error:
        reasons = {reason.code for reason in error.cancellation_reasons or [] if reason}
        if reasons & {"ConditionalCheckFailed", "TransactionConflict"}:
            raise Conflict("area_changed") from None
        raise


def create(area: Area, postcodes: tuple[str, ...], first: Round) -> None:
    """The area, its coverage, its first round and that round's secret; refused if the id or a
    postcode is taken."""
    if _exists(area.id):
        raise Conflict("area_exists")
    _refuse_taken(area.id, postcodes)
    model, rounds = bound(AreaModel), bound(RoundModel)

    def writes(transaction: TransactWrite) -> None:
        _coverage_writes(transaction, area.id, set(), postcodes)
        transaction.save(catalogue.round_item(first), condition=rounds.round_id.does_not_exist())
        transaction.save(round_keys.new_secret(first), condition=RoundKeyModel.round_key.does_not_exist())
        transaction.save(catalogue.area_item(area), condition=model.area_id.does_not_exist())

    try:
        _commit(writes)
    except Conflict:
        raise Conflict("area_exists" if _exists(area.id) else "postcode_taken") from None


def _exists(area_id: str) -> bool:
    try:
        catalogue.get_area(area_id)
    except NotFound:
        return False
    return True


def _settings_actions(model: type[AreaModel], area: Area, wanted: RoundSettings) -> list[Action]:
    """The next round's settings, or none waiting if they are what the open round has."""
    if wanted == RoundSettings(area.budget, area.quorum, area.round_days):
        return [model.next_budget.remove(), model.next_quorum.remove(), model.next_round_days.remove()]
    return [
        model.next_budget.set(wanted.budget),
        model.next_quorum.set(wanted.quorum),
        model.next_round_days.set(wanted.round_days),
    ]


def _name_actions(model: type[AreaModel], change: AreaChange) -> list[Action]:
    actions: list[Action] = []
    if change.name is not None:
        actions.append(model.name.set(change.name))
        # A new name without its mid-sentence form: sentences use the name itself until one is given.
        if change.name_in_text is None:
            actions.append(model.name_in_text.remove())
    if change.name_in_text is not None:
        actions.append(model.name_in_text.set(change.name_in_text))
    return actions


def edit(area: Area, change: AreaChange, new_district: District | None) -> None:
    """Names, district and coverage now; budget, quorum and round length wait for the next round."""
    model = bound(AreaModel)
    actions = _name_actions(model, change)
    if new_district is not None:
        actions += [
            model.district_id.set(new_district.id),
            model.district_name.set(new_district.name),
            model.district_name_in_text.set(new_district.in_text),
        ]
    if change.changes_settings:
        actions += _settings_actions(model, area, change.settings_over(area.pending or _now(area)))
    held = set(coverage().get(area.id, [])) if change.postcodes is not None else set()
    if change.postcodes is not None:
        _refuse_taken(area.id, (prefix for prefix in change.postcodes if prefix not in held))

    def writes(transaction: TransactWrite) -> None:
        if change.postcodes is not None:
            _coverage_writes(transaction, area.id, held, change.postcodes)
        if actions:
            transaction.update(model(area.id), actions=actions, condition=model.area_id.exists())
        else:
            transaction.condition_check(model, area.id, condition=model.area_id.exists())

    try:
        _commit(writes)
    except Conflict:
        if not _exists(area.id):
            raise NotFound("area_not_found") from None
        raise


def _now(area: Area) -> RoundSettings:
    return RoundSettings(area.budget, area.quorum, area.round_days)
