using System.Text;

namespace AsyncioGen.Generator.Helpers;

/// <summary>A string builder that indents lines by four spaces per level and writes '\n' line ends.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text = new();
    private int _level;

    public IndentedWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _level * 4).Append(line);
        }
        _text.Append('\n');
        return this;
    }

    public IndentedWriter Open(string line)
    {
        Line(line);
        Line("{");
        _level++;
        return this;
    }

    public IndentedWriter Close(string suffix = "")
    {
        _level--;
        return Line("}" + suffix);
    }

    public override string ToString() => _text.ToString();
}
