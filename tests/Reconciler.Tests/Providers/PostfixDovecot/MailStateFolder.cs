namespace Reconciler.Tests.Providers.PostfixDovecot;

/// <summary>
/// A throw-away state folder under /tmp, deleted on dispose. Mode 0755 like the recipe's instance folders (pitfall D-6):
/// Dovecot's auth process reads passwd as user dovecot.
/// </summary>
internal sealed class MailStateFolder : IDisposable
{
    public MailStateFolder()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rcl-pd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(Root, (UnixFileMode)0b111_101_101);
        }

        Path = System.IO.Path.Combine(Root, "state");
    }

    /// <summary>The folder itself is not created: the provider makes it on the first write.</summary>
    public string Path { get; }

    /// <summary>Parent of <see cref="Path"/>, free for other test files (Postfix config, Dovecot instance).</summary>
    public string Root { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Read(string name) => System.IO.File.Exists(File(name)) ? System.IO.File.ReadAllText(File(name)) : "";

    public void Write(string name, string text)
    {
        Directory.CreateDirectory(Path);
        System.IO.File.WriteAllText(File(name), text);
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
