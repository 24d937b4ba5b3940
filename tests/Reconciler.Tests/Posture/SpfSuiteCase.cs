using YamlDotNet.RepresentationModel;

namespace Reconciler.Tests.Posture;

/// <summary>One case of the openspf suite: the connection, the acceptable results and the zone it runs against.</summary>
public sealed record SpfSuiteCase(
    string Document,
    string Name,
    string Helo,
    string Host,
    string MailFrom,
    IReadOnlyList<string> Results,
    string? Explanation,
    string? Spec,
    YamlMappingNode ZoneData)
{
    public string Id => $"{Document} / {Name}";
}
