using Microsoft.AspNetCore.Http;

namespace Reconciler.Daemon.Http;

/// <summary>
/// Reads request bodies for one endpoint within its <see cref="BodyLimits"/>: a declared length over the limit is
/// refused before a byte is read; at most <see cref="BodyLimits.ConcurrentBodies"/> bodies are read at once (others
/// wait <see cref="BodyLimits.SlotWait"/>, then get 503); a body that grows past the limit or takes longer than
/// <see cref="BodyLimits.ReadTimeout"/> is dropped at once. An observer sees every chunk as it arrives (an HMAC
/// computed while reading). A body larger than <see cref="InMemoryBytes"/> goes to a temporary file in
/// <paramref name="spoolDirectory"/>, so however many arrive, the process holds at most one small buffer per slot
/// and has nothing to give back afterwards. Use one instance per endpoint, for the life of the server.
/// </summary>
public sealed class BoundedBodyReader(BodyLimits limits, string spoolDirectory) : IDisposable
{
    /// <summary>Below the 85,000-byte large-object threshold, so the buffer dies young and is compacted away.</summary>
    public const int InMemoryBytes = 64 * 1024;

    private readonly SemaphoreSlim _slots = new(limits.ConcurrentBodies, limits.ConcurrentBodies);

    public BodyLimits Limits => limits;

    /// <summary>Dispose the result (it may hold a temporary file).</summary>
    public async Task<RequestBody> ReadAsync(HttpRequest request, Action<ReadOnlySpan<byte>>? observe, CancellationToken ct)
    {
        if (request.ContentLength is { } declared && declared > limits.MaxBytes)
        {
            return RequestBody.Refused(StatusCodes.Status413PayloadTooLarge, $"body of {declared} bytes is over the limit of {limits.MaxBytes}");
        }

        if (!await _slots.WaitAsync(limits.SlotWait, ct))
        {
            return RequestBody.Refused(StatusCodes.Status503ServiceUnavailable, $"busy: {limits.ConcurrentBodies} bodies are being read; try again later");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(limits.ReadTimeout);
        FileStream? spool = null;
        try
        {
            var result = await ReadAsync(request.Body, observe, s => spool = s, deadline.Token);
            if (!result.IsRead)
            {
                spool?.Dispose();
            }

            return result;
        }
        catch (Exception e) when (e is OperationCanceledException or BadHttpRequestException or IOException)
        {
            spool?.Dispose();
            return e switch
            {
                OperationCanceledException when !ct.IsCancellationRequested => RequestBody.Refused(StatusCodes.Status408RequestTimeout, $"body not received within {limits.ReadTimeout.TotalSeconds:0} s"),
                BadHttpRequestException bad => RequestBody.Refused(bad.StatusCode, bad.Message),
                _ => RequestBody.Refused(StatusCodes.Status400BadRequest, "the client went away"),
            };
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<RequestBody> ReadAsync(Stream body, Action<ReadOnlySpan<byte>>? observe, Action<FileStream> spooling, CancellationToken ct)
    {
        var buffer = new byte[InMemoryBytes];
        FileStream? file = null;
        long total = 0;
        while (true)
        {
            var filled = 0;
            int n;
            while (filled < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(filled), ct)) > 0)
            {
                if (total + filled + n > limits.MaxBytes)
                {
                    return RequestBody.Refused(StatusCodes.Status413PayloadTooLarge, $"body is over the limit of {limits.MaxBytes} bytes");
                }

                observe?.Invoke(buffer.AsSpan(filled, n));
                filled += n;
            }

            total += filled;
            if (file is null && filled < buffer.Length)
            {
                return RequestBody.InMemory(buffer.AsSpan(0, filled).ToArray());
            }

            if (file is null)
            {
                Directory.CreateDirectory(spoolDirectory);
                var path = Path.Combine(spoolDirectory, Guid.NewGuid().ToString("N") + ".body");
                file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Delete, 0, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                spooling(file);

                // Unlinked while open, so a process killed mid-read leaves nothing behind.
                File.Delete(path);
            }

            await file.WriteAsync(buffer.AsMemory(0, filled), ct);
            if (filled < buffer.Length)
            {
                return RequestBody.Spooled(file);
            }
        }
    }

    internal static Task RefuseAsync(HttpContext context, int status, string why)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.StatusCode = status;
        context.Response.Headers.Connection = "close";
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(why + "\n");
    }

    public void Dispose() => _slots.Dispose();
}
