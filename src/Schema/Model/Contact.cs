namespace Reconciler.Schema.Model;

public sealed record Contact(string Who, string? Account, string? Vendor, string? Recovery, bool? Mfa, string? Notes);
