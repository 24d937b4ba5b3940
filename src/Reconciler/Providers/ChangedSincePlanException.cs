namespace Reconciler.Providers;

/// <summary>The live resource is neither what the plan read nor what it wants: someone changed it in between.</summary>
public sealed class ChangedSincePlanException : ProviderException
{
    public ChangedSincePlanException(string resource, string expected, string found)
        : base($"{resource} changed since plan: expected {expected}, found {found}; run plan again")
    {
        Resource = resource;
    }

    public string Resource { get; }
}
