namespace Reconciler.Migration;

/// <summary>A message the destination folder holds too few (<see cref="Missing"/>) or too many (<see cref="Extra"/>) times.</summary>
public sealed record KeyDifference(MessageKey Key, int Expected, int Found)
{
    public int Missing => Math.Max(0, Expected - Found);

    public int Extra => Math.Max(0, Found - Expected);
}
