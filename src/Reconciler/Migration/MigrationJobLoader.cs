using Reconciler.Secrets;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Reconciler.Migration.Imap;
using Reconciler.Schema.Loading;
using Reconciler.Schema.Validation;

namespace Reconciler.Migration;

/// <summary>
/// Reads a job file: YAML with positions, the job schema, then the checks a schema cannot make (secrets present,
/// CA files readable, names unique, rules complete). Nothing here talks to a server.
/// </summary>
public sealed class MigrationJobLoader
{
    private readonly MigrationJobSchema _schema;

    public MigrationJobLoader(MigrationJobSchema schema) => _schema = schema;

    public async Task<MigrationJobLoadResult> LoadAsync(string path, CancellationToken ct)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new MigrationJobLoadResult(null,
                [MigrationJobRules.Unreadable.At(new SourcePosition(path, 0, 0), $"cannot read the job file: {ex.Message}")]);
        }

        return Load(text, path);
    }

    public MigrationJobLoadResult Load(string text, string path)
    {
        var yaml = YamlLoader.Load(text, path);
        var diagnostics = new List<Diagnostic>(yaml.Diagnostics);
        if (yaml.Document is null || diagnostics.Any(d => d.IsError))
        {
            return new MigrationJobLoadResult(null, diagnostics);
        }

        diagnostics.AddRange(_schema.Validate(yaml.Document));
        if (diagnostics.Any(d => d.IsError))
        {
            return new MigrationJobLoadResult(null, diagnostics);
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var job = Bind((MapNode)yaml.Document, path, baseDirectory, diagnostics);
        return new MigrationJobLoadResult(diagnostics.Any(d => d.IsError) ? null : job, diagnostics);
    }

    private static MigrationJob Bind(MapNode root, string path, string baseDirectory, List<Diagnostic> diagnostics)
    {
        var source = BindServer((MapNode)root["source"]!, baseDirectory, diagnostics);
        var destination = BindServer((MapNode)root["destination"]!, baseDirectory, diagnostics);

        var mailboxes = new List<MailboxPair>();
        var names = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        foreach (var item in ((ListNode)root["mailboxes"]!).Items.Cast<MapNode>())
        {
            var src = BindLogin((MapNode)item["source"]!, source, "source", baseDirectory, diagnostics);
            var dst = BindLogin((MapNode)item["destination"]!, destination, "destination", baseDirectory, diagnostics);
            var name = String(item, "name") ?? $"{src.User} -> {dst.User}";
            if (!names.TryAdd(name, item.Position))
            {
                diagnostics.Add(MigrationJobRules.DuplicateMailbox.At(item.Position,
                    $"mailbox '{name}' is listed twice (first at line {names[name].Line})"));
            }

            mailboxes.Add(new MailboxPair(name, src, dst));
        }

        var folders = new FolderRules();
        if (root["folders"] is MapNode f)
        {
            var rules = new List<FolderRule>();
            if (f["rules"] is ListNode list)
            {
                foreach (var r in list.Items.Cast<MapNode>())
                {
                    rules.Add(BindRule(r, diagnostics));
                }
            }

            folders = new FolderRules { Gmail = Bool(f, "gmail") ?? false, Rules = rules };
        }

        DateOnly? since = null, before = null;
        if (root["dateRange"] is MapNode range)
        {
            since = Date(range, "since");
            before = Date(range, "before");
            if (since is { } s && before is { } b && s >= b)
            {
                diagnostics.Add(MigrationJobRules.DateRangeEmpty.At(range.Position,
                    $"dateRange: since {s:yyyy-MM-dd} is not before {b:yyyy-MM-dd}, so nothing would be copied"));
            }
        }

        var retry = new RetrySettings();
        if (root["retry"] is MapNode r2)
        {
            retry = new RetrySettings
            {
                Attempts = (int)(Number(r2, "attempts") ?? retry.Attempts),
                Delay = Number(r2, "delaySeconds") is { } d ? TimeSpan.FromSeconds(d) : retry.Delay,
                MaxDelay = Number(r2, "maxDelaySeconds") is { } m ? TimeSpan.FromSeconds(m) : retry.MaxDelay,
            };
        }

        var checkpoint = String(root, "checkpoint") is { } c
            ? Path.GetFullPath(c, baseDirectory)
            : Path.Combine(baseDirectory, Path.GetFileNameWithoutExtension(path) + ".checkpoint.db");

        return new MigrationJob
        {
            File = path,
            Name = String(root, "name"),
            Source = source,
            Destination = destination,
            Mailboxes = mailboxes,
            Folders = folders,
            Since = since,
            Before = before,
            IncludeDeleted = Bool(root, "includeDeleted") ?? false,
            Parallelism = (int)(Number(root, "parallelism") ?? 4),
            BatchSize = (int)(Number(root, "batchSize") ?? 200),
            BatchBytes = (long)(Number(root, "batchMegabytes") ?? 64) * 1024 * 1024,
            Retry = retry,
            Verify = Bool(root, "verify") ?? true,
            CheckpointPath = checkpoint,
        };
    }

    private static MigrationServer BindServer(MapNode node, string baseDirectory, List<Diagnostic> diagnostics)
    {
        var security = String(node, "security") switch
        {
            "plain" => ImapSecurity.None,
            "starttls" => ImapSecurity.StartTls,
            _ => ImapSecurity.ImplicitTls,
        };
        string? caFile = null;
        if (node.TryGetEntry("caFile", out var caEntry))
        {
            caFile = Path.GetFullPath(((StringNode)caEntry.Value).Value, baseDirectory);
            try
            {
                var collection = new X509Certificate2Collection();
                collection.ImportFromPemFile(caFile);
                if (collection.Count == 0)
                {
                    diagnostics.Add(MigrationJobRules.CaFileMissing.At(caEntry.Value.Position, $"{caFile} holds no PEM certificate"));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
            {
                diagnostics.Add(MigrationJobRules.CaFileMissing.At(caEntry.Value.Position, $"cannot read CA certificates from {caFile}: {ex.Message}"));
            }
        }

        MasterLogin? master = null;
        if (node["master"] is MapNode m)
        {
            var secret = BindSecret(m, "password", baseDirectory, diagnostics)!;
            master = new MasterLogin(String(m, "user")!, secret, String(m, "separator") ?? "*");
        }

        return new MigrationServer
        {
            Host = String(node, "host")!,
            Port = (int)(Number(node, "port") ?? (security == ImapSecurity.ImplicitTls ? 993 : 143)),
            Security = security,
            CaFile = caFile,
            Revocation = String(node, "revocation") switch
            {
                "offline" => X509RevocationMode.Offline,
                "none" => X509RevocationMode.NoCheck,
                _ => X509RevocationMode.Online,
            },
            ConnectTimeout = TimeSpan.FromSeconds(Number(node, "connectTimeoutSeconds") ?? 30),
            ReadTimeout = TimeSpan.FromSeconds(Number(node, "readTimeoutSeconds") ?? 120),
            Master = master,
        };
    }

    private static MailboxLogin BindLogin(
        MapNode node, MigrationServer server, string side, string baseDirectory, List<Diagnostic> diagnostics)
    {
        var user = String(node, "user")!;
        var password = BindSecret(node, "password", baseDirectory, diagnostics);
        if (password is null && server.Master is null)
        {
            diagnostics.Add(MigrationJobRules.NoCredentials.At(node.Position,
                $"{side} login '{user}' has no password and the {side} server has no master user"));
        }

        return new MailboxLogin(user, password);
    }

    private static SecretReference? BindSecret(MapNode node, string key, string baseDirectory, List<Diagnostic> diagnostics)
    {
        if (!node.TryGetEntry(key, out var entry))
        {
            return null;
        }

        SecretReference reference;
        try
        {
            reference = SecretReference.Parse(((StringNode)entry.Value).Value, baseDirectory);
        }
        catch (SecretException ex)
        {
            diagnostics.Add(MigrationJobRules.SecretUnavailable.At(entry.Value.Position, ex.Message));
            return null;
        }

        try
        {
            // Resolved now so that a job with an unset variable fails before the first mailbox, not in the middle of a batch.
            reference.Resolve();
        }
        catch (SecretException ex)
        {
            diagnostics.Add(MigrationJobRules.SecretUnavailable.At(entry.Value.Position, ex.Message));
        }

        return reference;
    }

    private static FolderRule BindRule(MapNode node, List<Diagnostic> diagnostics)
    {
        var from = String(node, "from")!;
        var to = String(node, "to");
        var skip = Bool(node, "skip") ?? false;
        if ((to is null) == !skip)
        {
            diagnostics.Add(MigrationJobRules.RuleAction.At(node.Position, skip
                ? $"the rule for '{from}' has both 'to' and 'skip: true'"
                : $"the rule for '{from}' has neither 'to' nor 'skip: true'"));
        }

        if (to is not null && to.Contains('*', StringComparison.Ordinal) && from.Count(c => c == '*') != 1)
        {
            diagnostics.Add(MigrationJobRules.RuleCapture.At(node["to"]!.Position,
                $"'to: {to}' uses '*', but 'from: {from}' has {from.Count(c => c == '*')} of them"));
        }

        return new FolderRule(from, to, skip);
    }

    private static string? String(MapNode node, string key) => node[key] is StringNode s ? s.Value : null;

    private static bool? Bool(MapNode node, string key) => node[key] is BooleanNode b ? b.Value : null;

    private static double? Number(MapNode node, string key) => node[key] is NumberNode n ? n.Double : null;

    private static DateOnly? Date(MapNode node, string key) =>
        node[key] is StringNode s ? DateOnly.ParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
}
