namespace Reconciler.Providers.PostfixDovecot;

/// <summary>
/// An exclusive advisory lock (flock) on <c>.reconciler.lock</c> in the state folder, so two Reconciler processes
/// (a daemon and someone running apply by hand) never interleave their multi-file changes or read half of one.
/// </summary>
internal sealed class StateFolderLock : IDisposable
{
    public const string FileName = ".reconciler.lock";

    private readonly FileStream? _stream;

    private StateFolderLock(FileStream? stream) => _stream = stream;

    /// <param name="forWriting">When false and the folder cannot hold a lock file (missing or read-only), reads go ahead unlocked.</param>
    public static async Task<StateFolderLock> AcquireAsync(string directory, bool forWriting, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!forWriting && !Directory.Exists(directory))
        {
            return new StateFolderLock(null);
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new StateFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (UnauthorizedAccessException) when (!forWriting)
            {
                return new StateFolderLock(null);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
        }
    }

    public void Dispose() => _stream?.Dispose();
}
