using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reconciler.Posture.Spf;

/// <summary>The values the macro letters expand to during one check_host() call (RFC 7208 §7.3).</summary>
internal sealed class SpfMacroContext(
    IPAddress ip,
    string sender,
    string helo,
    string domain,
    string receivingHost,
    DateTimeOffset now,
    Func<string, CancellationToken, Task<string>> validatedDomain)
{
    public IPAddress Ip { get; } = ip;

    public string Sender { get; } = sender;

    public string Helo { get; } = helo;

    /// <summary>The &lt;domain&gt; of the current check_host() call (changes with include and redirect).</summary>
    public string Domain { get; } = domain;

    public SpfMacroContext WithDomain(string newDomain) =>
        new(Ip, Sender, Helo, newDomain, receivingHost, now, validatedDomain);

    public async Task<string> ValueOfAsync(char letter, CancellationToken cancellationToken)
    {
        var at = Sender.LastIndexOf('@');
        return letter switch
        {
            's' => Sender,
            'l' => at < 0 ? "postmaster" : Sender[..at],
            'o' => at < 0 ? Sender : Sender[(at + 1)..],
            'd' => Domain,
            'i' => ReverseName.DottedForm(Ip),
            'p' => await validatedDomain(Domain, cancellationToken).ConfigureAwait(false),
            'v' => Ip.AddressFamily == AddressFamily.InterNetwork ? "in-addr" : "ip6",
            'h' => Helo,
            'c' => Ip.ToString(),
            'r' => receivingHost,
            't' => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            _ => throw new SpfSyntaxException($"unknown macro letter '{letter}'"),
        };
    }
}
