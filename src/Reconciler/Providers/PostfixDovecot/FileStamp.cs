namespace Reconciler.Providers.PostfixDovecot;

/// <summary>What a state file looked like on disk when it was parsed; a different stamp means it must be read again.</summary>
internal readonly record struct FileStamp(bool Exists, long Length, DateTime LastWriteUtc)
{
    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(true, info.Length, info.LastWriteTimeUtc) : default;
    }
}
