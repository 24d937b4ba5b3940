namespace Reconciler.Schema.Model;

/// <summary>What the daemon does when live state moves away from Git.</summary>
public enum DriftAction
{
    Report,
    Revert,
    Adopt,
}
