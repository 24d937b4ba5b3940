using System.Text;
using Reconciler.Migration.Imap;

namespace Reconciler.Tests.Shared;

internal sealed class RecordingProtocolLogger : IImapProtocolLogger
{
    private readonly StringBuilder _client = new();
    private readonly StringBuilder _server = new();

    public string Client
    {
        get
        {
            lock (_client)
            {
                return _client.ToString();
            }
        }
    }

    public string Server
    {
        get
        {
            lock (_server)
            {
                return _server.ToString();
            }
        }
    }

    public void LogClient(ReadOnlySpan<byte> data)
    {
        lock (_client)
        {
            _client.Append(Encoding.UTF8.GetString(data));
        }
    }

    public void LogServer(ReadOnlySpan<byte> data)
    {
        lock (_server)
        {
            _server.Append(Encoding.UTF8.GetString(data));
        }
    }
}
