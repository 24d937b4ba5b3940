using System.Net;
using System.Text.Json;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Daemon;

/// <summary>A loopback HTTP endpoint that records the drift alerts the daemon posts ("event domain" per alert).</summary>
public sealed class AlertReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<string> _events = [];
    private readonly List<string> _bodies = [];

    public AlertReceiver()
    {
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}/alerts/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>The JSON documents posted, in the order they came.</summary>
    public IReadOnlyList<string> Bodies
    {
        get
        {
            lock (_events)
            {
                return _bodies.ToList();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            using (var doc = JsonDocument.Parse(body))
            {
                lock (_events)
                {
                    _bodies.Add(body);
                    _events.Add($"{doc.RootElement.GetProperty("event").GetString()} {doc.RootElement.GetProperty("domain").GetString()}");
                }
            }

            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
