using Reconciler.Migration;

namespace Reconciler.Tests.Migration;

public sealed class CheckpointStoreTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "cp-" + Guid.NewGuid().ToString("N")[..8], "c.db");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);

    [Fact]
    public async Task A_saved_checkpoint_is_read_back_and_updated_in_place()
    {
        var cp = new FolderCheckpoint("m", "INBOX", "INBOX", 77, 10, 5, 11, false, 10, 1234, false);
        await using (var store = await CheckpointStore.OpenAsync(_path, TimeProvider.System, default))
        {
            (await store.GetAsync("m", "INBOX", "INBOX", default)).Should().BeNull();
            await store.SaveAsync(cp, default);
            await store.SaveAsync(cp with { LastUid = uint.MaxValue, DestinationUidNext = 4_000_000_000, Completed = true }, default);
        }

        await using var reopened = await CheckpointStore.OpenReadOnlyAsync(_path, TimeProvider.System, default);
        var read = await reopened.GetAsync("m", "INBOX", "INBOX", default);
        read.Should().Be(cp with { LastUid = uint.MaxValue, DestinationUidNext = 4_000_000_000, Completed = true });
        (await reopened.ListAsync(default)).Should().ContainSingle();
        await reopened.Invoking(s => s.SaveAsync(cp, default)).Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task A_dry_run_view_of_a_missing_file_creates_nothing()
    {
        await using var store = await CheckpointStore.OpenReadOnlyAsync(_path, TimeProvider.System, default);
        store.Exists.Should().BeFalse();
        (await store.GetAsync("m", "a", "b", default)).Should().BeNull();
        File.Exists(_path).Should().BeFalse();
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
    }
}
