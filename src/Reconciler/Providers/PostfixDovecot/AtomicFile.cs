using System.Text;

namespace Reconciler.Providers.PostfixDovecot;

/// <summary>
/// Replaces a file so readers (Postfix's postmap, Dovecot's passwd-file, a crash) only ever see the old or the new
/// content: a temporary file in the same folder, flushed to disk, then renamed over the old one. The old file's
/// permission bits are kept (Dovecot's auth process must still be able to read passwd).
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<FileStamp> WriteLinesAsync(string path, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.None))
            {
                await using var writer = new StreamWriter(stream, Utf8, bufferSize: 1 << 16);
                cancellationToken.ThrowIfCancellationRequested();

                // Lines go into the writer's 64 KiB buffer; awaiting each of 100,000 lines would only add overhead.
                foreach (var line in lines)
                {
                    writer.Write(line);
                    writer.Write('\n');
                }

                await writer.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows() && File.Exists(path))
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
            }

            // Rename keeps the modification time, so the stamp of the temporary file is the stamp of the result.
            var stamp = FileStamp.Of(temp);
            File.Move(temp, path, overwrite: true);
            return stamp;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // best effort: a stray temporary file is harmless, the real file was not touched
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
