using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reconciler.Tests.Providers.PostfixDovecot;

/// <summary>
/// Just enough IMAP and SMTP to try a login. Each attempt comes from its own 127.0.0.x source address: Dovecot's auth
/// penalty grows per client IP (1, 4, 9 s for failures from one address), which would make refused logins slow.
/// </summary>
internal sealed class MailClients(int imapPort, int smtpPort)
{
    private int _source = 10;

    /// <summary>The tagged reply to <c>LOGIN</c>, e.g. <c>a OK … Logged in</c> or <c>a NO [AUTHENTICATIONFAILED] …</c>.</summary>
    public async Task<string> ImapLoginAsync(string user, string password)
    {
        using var client = await ConnectAsync(imapPort);
        var (reader, stream) = client;
        await reader.ReadLineAsync();
        await WriteAsync(stream, $"a LOGIN {Quote(user)} {Quote(password)}\r\n");
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("a ", StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new IOException("IMAP server closed the connection before answering LOGIN");
    }

    /// <summary>The reply to SMTP <c>AUTH PLAIN</c> (235 accepted, 535 refused); Postfix asks Dovecot's auth service.</summary>
    public async Task<string> SmtpAuthAsync(string user, string password)
    {
        using var client = await ConnectAsync(smtpPort);
        var (reader, stream) = client;
        await ReadSmtpAsync(reader);
        await WriteAsync(stream, "EHLO tester.example\r\n");
        await ReadSmtpAsync(reader);
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"));
        await WriteAsync(stream, $"AUTH PLAIN {token}\r\n");
        return await ReadSmtpAsync(reader);
    }

    private static async Task<string> ReadSmtpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length < 4 || line[3] != '-')
            {
                return line;
            }
        }

        throw new IOException("SMTP server closed the connection");
    }

    private async Task<Connection> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse($"127.0.0.{Interlocked.Increment(ref _source) % 250 + 2}"), 0));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
        socket.ReceiveTimeout = 30_000;
        var stream = new NetworkStream(socket, ownsSocket: true);
        return new Connection(new StreamReader(stream, Encoding.ASCII), stream);
    }

    private static Task WriteAsync(Stream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private sealed record Connection(StreamReader Reader, Stream Stream) : IDisposable
    {
        public void Dispose() => Stream.Dispose();
    }
}
