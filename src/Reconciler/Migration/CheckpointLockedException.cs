namespace Reconciler.Migration;

/// <summary>Another run holds the checkpoint file: two runs of one job would copy the same messages twice.</summary>
public sealed class CheckpointLockedException : Exception
{
    public CheckpointLockedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
