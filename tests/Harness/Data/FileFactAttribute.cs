using Xunit;

namespace Reproduce.Tests.Harness.Data;

/// <summary>A fact that runs only where <c>path</c> exists; otherwise it is skipped, saying how to get the file.</summary>
public sealed class FileFactAttribute : FactAttribute
{
    public FileFactAttribute(string path, string howToGetIt)
    {
        if (!File.Exists(path))
        {
            Skip = $"{path} is absent; {howToGetIt} to run this test.";
        }
    }
}
