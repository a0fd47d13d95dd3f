using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Kyodo.Audit;

/// <summary>
/// How EF compares and snapshots an array of a row that is written once and never changed (an
/// audit entry's actor departments and roles). EF's default comparer for a primitive collection
/// snapshots each array through a compiled expression that builds a delegate every time it runs:
/// in the profile of <c>Reserve</c> that was among the hottest frames of the save
/// (<c>DynamicMethod.CreateDelegate</c>). These arrays are never written after the row is made, so
/// the snapshot is the array itself and equality is element by element.
/// </summary>
internal static class WriteOnceArrayComparer
{
    public static ValueComparer<T[]> For<T>() => new(
        (left, right) => ReferenceEquals(left, right) || (left != null && right != null && left.SequenceEqual(right)),
        array => array.Length,
        array => array);
}
