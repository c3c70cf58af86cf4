namespace Reproduce.Harness.Specs;

/// <summary>
/// A user's mistake in a spec file: says where (file, line, column), which field, and what was expected.
/// Its <see cref="Exception.Message"/> reads <c>file:line:col: field 'a.b': expected ..., found ...</c>.
/// </summary>
public sealed class SpecException : Exception
{
    /// <summary>The spec file.</summary>
    public string File { get; }

    /// <summary>1-based line of the offending node.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending node.</summary>
    public int Column { get; }

    /// <summary>Dotted path of the field, e.g. <c>algorithms.sgd.lr</c>; empty for the document itself.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>Creates the error.</summary>
    public SpecException(string file, int line, int column, string field, string problem)
        : base(Format(file, line, column, field, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Field = field;
        Problem = problem;
    }

    private static string Format(string file, int line, int column, string field, string problem) =>
        field.Length == 0 ? $"{file}:{line}:{column}: {problem}" : $"{file}:{line}:{column}: field '{field}': {problem}";
}
