using System.Net.Sockets;
using System.Text;

namespace Reconciler.Tests.Shared;

/// <summary>
/// Readiness of a mail server child process: its port answers with its own greeting (<c>220</c> for SMTP,
/// <c>* OK</c> for IMAP, <c>220</c> for LMTP). A greeting is asked for, not just a connect, so a port taken by someone
/// else in the free-port race does not pass for our server.
/// </summary>
public static class MailServerProbe
{
    /// <param name="failed">Polled while waiting: a reason when the server has already died (stop waiting).</param>
    public static async Task WaitForGreetingAsync(int port, string greeting, string bannerMustContain, Func<string?> failed, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "nothing";
        while (DateTime.UtcNow < deadline)
        {
            if (failed() is { } why)
            {
                throw new InvalidOperationException(why);
            }

            try
            {
                using var client = new TcpClient();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.ConnectAsync("127.0.0.1", port, cts.Token);
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                var line = await reader.ReadLineAsync(cts.Token) ?? "";
                if (line.StartsWith(greeting, StringComparison.Ordinal) && line.Contains(bannerMustContain, StringComparison.Ordinal))
                {
                    return;
                }

                last = $"port {port} answered '{line}'";
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                last = e.Message;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no '{greeting}…{bannerMustContain}' greeting on 127.0.0.1:{port} within {timeout.TotalSeconds} s (last: {last})");
    }
}
