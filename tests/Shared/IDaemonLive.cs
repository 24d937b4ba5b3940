namespace Reconciler.Tests.Shared;

/// <summary>
/// The live side a <see cref="DaemonRig"/>'s daemon reconciles into: the provider it is configured with, how a test
/// reads what is live, and how a person edits it by hand behind the daemon's back.
/// </summary>
public interface IDaemonLive
{
    /// <summary>The <c>providers:</c> and <c>defaults:</c> sections of reconciler.yaml, unindented, one line each or more.</summary>
    string ProvidersYaml { get; }

    /// <summary>What is live for the domain's zone, as zone-file text (empty when the zone does not exist).</summary>
    Task<string> ReadAsync(string domain);

    /// <summary>A hand edit: every live record of the domain whose text contains <paramref name="from"/> gets it replaced by <paramref name="to"/>.</summary>
    Task ReplaceAsync(string domain, string from, string to);
}
