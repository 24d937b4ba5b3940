using Reconciler.Schema.Validation;
using Reconciler.Schema.Validation.Rules;

namespace Reconciler.Migration;

/// <summary>The stable codes of what can be wrong in a job file.</summary>
public static class MigrationJobRules
{
    public static readonly Rule SchemaType = new("MIGRATE001", Severity.Error, "wrong type", "see `reconciler migrate --schema` for what this property takes");
    public static readonly Rule SchemaRequired = new("MIGRATE002", Severity.Error, "missing property", "add the property");
    public static readonly Rule SchemaUnknownProperty = new("MIGRATE003", Severity.Error, "unknown property", "check the spelling against `reconciler migrate --schema`");
    public static readonly Rule SchemaValue = new("MIGRATE004", Severity.Error, "value not allowed", "use one of the allowed values");
    public static readonly Rule SchemaFormat = new("MIGRATE005", Severity.Error, "bad format", "fix the value's format");
    public static readonly Rule SchemaRange = new("MIGRATE006", Severity.Error, "out of range", "use a value within the limits");
    public static readonly Rule SchemaOther = new("MIGRATE007", Severity.Error, "does not match the schema", "see `reconciler migrate --schema` for this property");
    public static readonly Rule SecretUnavailable = new("MIGRATE010", Severity.Error, "secret not available", "set the environment variable or create the file the reference names");
    public static readonly Rule CaFileMissing = new("MIGRATE011", Severity.Error, "CA file not readable", "give the path of a PEM file with the CA certificates (relative to the job file)");
    public static readonly Rule DuplicateMailbox = new("MIGRATE012", Severity.Error, "mailbox listed twice", "each mailbox needs its own name (it keys the checkpoints); remove the duplicate or set 'name'");
    public static readonly Rule RuleCapture = new("MIGRATE013", Severity.Error, "'*' in 'to' without one '*' in 'from'", "use exactly one '*' in 'from' when 'to' contains '*'");
    public static readonly Rule DateRangeEmpty = new("MIGRATE014", Severity.Error, "empty date range", "'since' must be a day before 'before'");
    public static readonly Rule RuleAction = new("MIGRATE015", Severity.Error, "rule without action", "give the rule either 'to: NAME' or 'skip: true'");
    public static readonly Rule NoCredentials = new("MIGRATE016", Severity.Error, "no way to log in", "add 'password: env:NAME' to the mailbox, or a 'master' login to the server");
    public static readonly Rule Unreadable = new("MIGRATE017", Severity.Error, "job file not readable", "check the path");
}
