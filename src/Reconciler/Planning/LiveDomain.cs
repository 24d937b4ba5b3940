using Reconciler.Providers;

namespace Reconciler.Planning;

/// <summary>What the providers read for one domain: its zone and its mail domain (null where they do not exist).</summary>
public sealed record LiveDomain(LiveZone? Zone, LiveMailDomain? Mail)
{
    public string Fingerprint => LiveFingerprint.Of(this);
}
