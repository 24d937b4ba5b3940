using Reconciler.Migration;

namespace Reconciler.Tests.Migration;

public sealed class SecretReferenceTests
{
    [Fact]
    public void Environment_references_resolve_and_never_show_their_value()
    {
        Environment.SetEnvironmentVariable("RECONCILER_TEST_SECRET_REF", "s3cret");
        SecretReference.TryParse("env:RECONCILER_TEST_SECRET_REF", "/", out var reference).Should().BeTrue();
        reference!.Resolve().Should().Be("s3cret");
        reference.ToString().Should().Be("env:RECONCILER_TEST_SECRET_REF");
        $"{reference}".Should().NotContain("s3cret");
    }

    [Fact]
    public void Unresolvable_references_say_what_to_do()
    {
        SecretReference.TryParse("env:RECONCILER_TEST_NOT_SET_ANYWHERE", "/", out var env);
        env!.TryResolve(out _, out var error).Should().BeFalse();
        error.Should().Contain("RECONCILER_TEST_NOT_SET_ANYWHERE").And.Contain("export it");

        SecretReference.TryParse("file:no/such/file", "/tmp", out var file);
        file!.Path.Should().Be("/tmp/no/such/file");
        file.TryResolve(out _, out error).Should().BeFalse();
        error.Should().Contain("/tmp/no/such/file").And.Contain("cannot be read");

        SecretReference.TryParse("hunter2", "/", out _).Should().BeFalse();
    }
}
