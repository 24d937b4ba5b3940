using Microsoft.AspNetCore.Http;

namespace Reconciler.Daemon.Http;

/// <summary>
/// What <see cref="BoundedBodyReader"/> got: the body (in memory up to <see cref="BoundedBodyReader.InMemoryBytes"/>,
/// beyond that in a temporary file deleted on dispose), or why it was refused and the HTTP status that says so.
/// </summary>
public sealed class RequestBody : IDisposable
{
    private readonly byte[] _memory;
    private readonly FileStream? _file;

    private RequestBody(byte[] memory, FileStream? file, int status, string? refusal)
    {
        _memory = memory;
        _file = file;
        Status = status;
        Refusal = refusal;
    }

    /// <summary>200 when read; otherwise 413, 503, 408 or 400.</summary>
    public int Status { get; }

    /// <summary>Null when read; otherwise one line for the client and the log.</summary>
    public string? Refusal { get; }

    public bool IsRead => Refusal is null;

    public long Length => _file?.Length ?? _memory.Length;

    internal static RequestBody InMemory(byte[] content) => new(content, null, StatusCodes.Status200OK, null);

    internal static RequestBody Spooled(FileStream file) => new([], file, StatusCodes.Status200OK, null);

    internal static RequestBody Refused(int status, string why) => new([], null, status, why);

    /// <summary>The body from its first byte; the stream belongs to this object (do not dispose it).</summary>
    public Stream OpenRead()
    {
        if (_file is null)
        {
            return new MemoryStream(_memory, writable: false);
        }

        _file.Position = 0;
        return _file;
    }

    /// <summary>The body as one array: for the small bodies of forms.</summary>
    public byte[] ToArray()
    {
        if (_file is null)
        {
            return _memory;
        }

        var all = new byte[_file.Length];
        _file.Position = 0;
        _file.ReadExactly(all);
        return all;
    }

    /// <summary>
    /// Answers a refused body and closes the connection, so the server does not go on reading what the client
    /// still sends.
    /// </summary>
    public Task WriteRefusalAsync(HttpContext context) => BoundedBodyReader.RefuseAsync(context, Status, Refusal ?? "refused");

    public void Dispose() => _file?.Dispose();
}
