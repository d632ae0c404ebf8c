namespace KtvRec.Api.Tests;

/// <summary>A test class with a fresh service and database of its own for every test.</summary>
public abstract class ApiTest : IAsyncLifetime
{
    protected KtvRecApp App { get; } = new();

    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = App.CreateClient();
        await SeedAsync();
    }

    /// <summary>What every test of the class starts from; nothing by default.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}
