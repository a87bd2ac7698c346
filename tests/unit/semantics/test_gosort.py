"""Go's sort.Slice, which orders Karmada's applied-overrides record."""

from karmada_semantics.gosort import go_sort_slice
from karmada_semantics.overrides.applied import annotation_value


def by_content(left, right):
    return left[1] < right[1]


def test_sort_slice_keeps_equal_entries_in_order_up_to_twelve():
    notes = [(-1, "x")] + [(i, "test") for i in range(11)]
    assert [i for i, _ in go_sort_slice(notes, by_content)] == [*range(11), -1]


def test_sort_slice_reorders_equal_entries_from_thirteen_like_go():
    notes = [(-1, "x")] + [(i, "test") for i in range(12)]
    assert [i for i, _ in go_sort_slice(notes, by_content)] == [5, 0, 1, 2, 3, 4, *range(6, 12), -1]


def test_sort_slice_always_sorts():
    items = [(i, name) for i, name in enumerate("qwertyuiopasdfghjklzxcvbnm" * 3)]
    assert [name for _, name in go_sort_slice(items, by_content)] == sorted(n for _, n in items)


def test_annotation_lists_entries_by_policy_name():
    entries = [("b", '{"policyName":"b"}'), ("a", '{"policyName":"a"}')]
    assert annotation_value(entries) == '[{"policyName":"a"},{"policyName":"b"}]'
    assert annotation_value([]) is None
