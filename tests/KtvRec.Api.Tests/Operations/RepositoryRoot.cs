namespace KtvRec.Api.Tests.Operations;

internal static class RepositoryRoot
{
    /// <summary>The folder holding KtvRecService.sln, found from the test's output folder upwards.</summary>
    public static string Path
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, "KtvRecService.sln"))) return directory.FullName;
            }
            throw new DirectoryNotFoundException("KtvRecService.sln was not found above the test output folder.");
        }
    }
}
