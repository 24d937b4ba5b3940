namespace Reconciler.Migration;

/// <summary>The source folder's UIDVALIDITY changed between planning and copying; planning again sorts it out.</summary>
public sealed class SourceFolderChangedException : Exception
{
    public SourceFolderChangedException(string message)
        : base(message)
    {
    }
}
