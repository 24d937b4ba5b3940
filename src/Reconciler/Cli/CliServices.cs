using Reconciler.Providers;
using Reconciler.Schema;
using Reconciler.Schema.Model;
using Reconciler.Schema.Validation;
using Reconciler.Schema.Validation.Rules;

namespace Reconciler.Cli;

/// <summary>
/// What the verbs share: output streams, whether to colour, the clock, and how a portfolio is loaded. Built once at
/// the edge (Program) so verbs stay testable and nothing static holds state.
/// </summary>
public sealed class CliServices
{
    private readonly Lazy<ManifestSchema> _schema = new(ManifestSchema.LoadEmbedded);

    public CliServices(TextWriter output, TextWriter error, bool color, TimeProvider clock)
    {
        Out = output;
        Error = error;
        Color = color;
        Clock = clock;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public bool Color { get; }

    public TimeProvider Clock { get; }

    /// <summary>True when a person watches standard error: progress displays are shown then, never in pipes or logs.</summary>
    public bool Interactive { get; init; }

    /// <summary>Where confirmations are read from; null when there is no terminal to ask.</summary>
    public TextReader? Input { get; init; }

    public IReadOnlyList<IManifestRule> ExtraRules { get; init; } = [];

    /// <summary>Provider kinds beyond the built-in zonefile one, by kind name.</summary>
    public IReadOnlyDictionary<string, Func<ProviderConfig, PortfolioConfig, object>> ProviderKinds { get; init; } =
        new Dictionary<string, Func<ProviderConfig, PortfolioConfig, object>>();

    public ProviderSet CreateProviders(PortfolioConfig config) => new(config, Clock) { ExtraKinds = ProviderKinds };

    public Task<PortfolioLoadResult> LoadPortfolioAsync(string path, CancellationToken ct) =>
        new PortfolioLoader(_schema.Value, ExtraRules, Clock).LoadAsync(path, ct);

    /// <summary>Loads with the schema and its built-in rules only, for verbs that run the extra checks themselves
    /// (posture) and should not pay for them twice.</summary>
    public Task<PortfolioLoadResult> LoadPortfolioWithoutExtraRulesAsync(string path, CancellationToken ct) =>
        new PortfolioLoader(_schema.Value, [], Clock).LoadAsync(path, ct);
}
