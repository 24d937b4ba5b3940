using YamlDotNet.RepresentationModel;

namespace Reconciler.Tests.Posture;

/// <summary>
/// The openspf RFC 7208 test suite (../shared/testsuites/spf-rfc7208/rfc7208-tests.yml): several YAML documents,
/// each with `tests` and the `zonedata` they run against.
/// </summary>
public sealed class SpfSuite
{
    public const string RelativePath = "spf-rfc7208/rfc7208-tests.yml";

    private SpfSuite(IReadOnlyList<SpfSuiteCase> cases) => Cases = cases;

    public static string FilePath => Path.Combine(Reconciler.Tests.Common.RepoPaths.TestSuites, RelativePath);

    public IReadOnlyList<SpfSuiteCase> Cases { get; }

    public static SpfSuite Load()
    {
        if (!File.Exists(FilePath))
        {
            throw new FileNotFoundException(
                $"The SPF test suite is missing at {FilePath}; it is expected under RepoPaths.TestSuites", FilePath);
        }

        var stream = new YamlStream();
        using (var reader = new StreamReader(FilePath))
        {
            stream.Load(reader);
        }

        var cases = new List<SpfSuiteCase>();
        foreach (var document in stream.Documents)
        {
            var root = (YamlMappingNode)document.RootNode;
            var description = Scalar(root, "description") ?? "(no description)";
            var zone = (YamlMappingNode)root.Children[new YamlScalarNode("zonedata")];
            var tests = (YamlMappingNode)root.Children[new YamlScalarNode("tests")];
            foreach (var (key, value) in tests.Children)
            {
                var test = (YamlMappingNode)value;
                var resultNode = test.Children[new YamlScalarNode("result")];
                IReadOnlyList<string> results = resultNode is YamlSequenceNode seq
                    ? seq.Children.Select(c => ((YamlScalarNode)c).Value!).ToList()
                    : [((YamlScalarNode)resultNode).Value!];
                cases.Add(new SpfSuiteCase(
                    description,
                    ((YamlScalarNode)key).Value!,
                    Scalar(test, "helo") ?? "",
                    Scalar(test, "host")!,
                    Scalar(test, "mailfrom") ?? "",
                    results,
                    Scalar(test, "explanation"),
                    Scalar(test, "spec"),
                    zone));
            }
        }

        return new SpfSuite(cases);
    }

    /// <summary>Builds the resolver for a document's zonedata. Per the file's header: type SPF records are served
    /// as TXT when the name has no TXT entry of its own ("TXT: NONE" counts as one and means no TXT record);
    /// "TIMEOUT" makes questions time out.</summary>
    public static InMemoryPostureResolver BuildResolver(YamlMappingNode zonedata)
    {
        var resolver = new InMemoryPostureResolver();
        foreach (var (nameNode, recordsNode) in zonedata.Children)
        {
            var name = ((YamlScalarNode)nameNode).Value!;
            resolver.AddName(name);
            var generated = new List<string>();
            var hasTxt = false;
            foreach (var item in ((YamlSequenceNode)recordsNode).Children)
            {
                if (item is YamlScalarNode { Value: "TIMEOUT" })
                {
                    resolver.AddTimeout(name);
                    continue;
                }

                foreach (var (typeNode, valueNode) in ((YamlMappingNode)item).Children)
                {
                    var type = ((YamlScalarNode)typeNode).Value!;
                    switch (type)
                    {
                        case "TXT":
                            hasTxt = true;
                            if (valueNode is not YamlScalarNode { Value: "NONE" })
                            {
                                resolver.AddTxt(name, TextOf(valueNode));
                            }

                            break;
                        case "SPF":
                            if (valueNode is not YamlScalarNode { Value: "NONE" })
                            {
                                resolver.AddOther(name, "SPF", TextOf(valueNode));
                                generated.Add(TextOf(valueNode));
                            }

                            break;
                        case "A":
                            resolver.AddA(name, ((YamlScalarNode)valueNode).Value!);
                            break;
                        case "AAAA":
                            resolver.AddAaaa(name, ((YamlScalarNode)valueNode).Value!);
                            break;
                        case "MX":
                            var mx = (YamlSequenceNode)valueNode;
                            resolver.AddMx(
                                name,
                                ushort.Parse(((YamlScalarNode)mx.Children[0]).Value!, System.Globalization.CultureInfo.InvariantCulture),
                                ((YamlScalarNode)mx.Children[1]).Value ?? "");
                            break;
                        case "PTR":
                            resolver.AddPtr(name, ((YamlScalarNode)valueNode).Value!);
                            break;
                        case "CNAME":
                            resolver.AddCname(name, ((YamlScalarNode)valueNode).Value!);
                            break;
                        default:
                            throw new InvalidDataException($"zonedata {name}: unknown record type {type}");
                    }
                }
            }

            if (!hasTxt)
            {
                foreach (var txt in generated)
                {
                    resolver.AddTxt(name, txt);
                }
            }
        }

        return resolver;
    }

    /// <summary>A TXT/SPF value is one string or a list of strings, joined with no separator (RFC 7208 §3.3).</summary>
    private static string TextOf(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode seq => string.Concat(seq.Children.Select(c => ((YamlScalarNode)c).Value)),
        _ => throw new InvalidDataException($"unexpected TXT value at {node.Start}"),
    };

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s ? s.Value : null;
}
