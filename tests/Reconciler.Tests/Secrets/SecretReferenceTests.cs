using Reconciler.Secrets;

namespace Reconciler.Tests.Secrets;

public sealed class SecretReferenceTests : IDisposable
{
    private const string Value = "s3cr3t-Value-never-shown";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("secrets-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Env_reference_reads_the_variable()
    {
        var reference = SecretReference.Parse("env:TSIG_KEY");
        reference.IsEnvironment.Should().BeTrue();
        (await reference.ResolveAsync(null, default, name => name == "TSIG_KEY" ? Value + "\n" : null)).Should().Be(Value);
    }

    [Fact]
    public async Task File_reference_is_relative_to_the_config_folder_and_loses_only_its_line_breaks()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "keys"));
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "keys", "api.key"), Value + "\r\n");
        (await SecretReference.Parse("file:keys/api.key").ResolveAsync(_dir.FullName, default)).Should().Be(Value);
        (await SecretReference.Parse($"file:{_dir.FullName}/keys/api.key").ResolveAsync("/nowhere", default)).Should().Be(Value);
        SecretReference.Parse("file:keys/api.key", _dir.FullName).Resolve().Should().Be(Value, "the folder given at parse time is the default");

        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "keys", "spaced.pw"), " pass phrase \n");
        SecretReference.Parse("file:keys/spaced.pw", _dir.FullName).Resolve().Should().Be(" pass phrase ", "a password may start or end with a space");
    }

    [Fact]
    public async Task Errors_name_the_reference_and_what_to_do()
    {
        var unset = () => SecretReference.Parse("env:NOT_SET_ANYWHERE").ResolveAsync(null, default, _ => null);
        (await unset.Should().ThrowAsync<SecretException>()).WithMessage("secret reference 'env:NOT_SET_ANYWHERE': the environment variable NOT_SET_ANYWHERE is not set*");

        var missing = () => SecretReference.Parse("file:missing.key").ResolveAsync(_dir.FullName, default);
        (await missing.Should().ThrowAsync<SecretException>()).WithMessage($"secret reference 'file:missing.key': the file {_dir.FullName}/missing.key does not exist");

        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "empty.key"), "\n");
        var empty = () => SecretReference.Parse("file:empty.key").ResolveAsync(_dir.FullName, default);
        (await empty.Should().ThrowAsync<SecretException>()).WithMessage("*resolves to an empty value");
    }

    [Theory]
    [InlineData(Value)]
    [InlineData("env:")]
    [InlineData("env:1BAD")]
    [InlineData("file:")]
    [InlineData("vault:x")]
    public void A_value_that_is_not_a_reference_is_refused_without_echoing_it(string text)
    {
        var act = () => SecretReference.Parse(text);
        act.Should().Throw<SecretException>().Which.Message.Should().NotContain(Value).And.Contain("env:NAME or file:PATH");
    }

    [Fact]
    public void ToString_is_the_reference()
    {
        SecretReference.Parse(" env:API_KEY ").ToString().Should().Be("env:API_KEY");
    }
}
