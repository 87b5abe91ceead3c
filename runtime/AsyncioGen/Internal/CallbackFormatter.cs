using System;
using System.Reflection;
using System.Text;

namespace AsyncioGen;

/// <summary>
/// Names callbacks for reprs and error messages, as asyncio's <c>format_helpers</c> does:
/// <c>Program.Main.&lt;lambda&gt;()</c> rather than the compiler's <c>&lt;Main&gt;b__0_0</c>.
/// </summary>
internal static class CallbackFormatter
{
    public static string Describe(Delegate callback)
    {
        MethodInfo method = callback.Method;
        return QualifiedName(method.DeclaringType, method.Name) + "()";
    }

    /// <summary><c>Type.member</c>, with compiler-generated names made readable and closure classes skipped.</summary>
    public static string QualifiedName(Type? type, string memberName)
    {
        // Closure and cache classes ("<>c", "<>c__DisplayClass0_0") stand for their outer type.
        while (type is not null && type.Name.StartsWith("<", StringComparison.Ordinal) && type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }
        string name = ReadableName(memberName);
        return type is null ? name : TypeName(type) + "." + name;
    }

    /// <summary>
    /// Undoes the compiler's naming: <c>&lt;Main&gt;b__0_0</c> → <c>Main.&lt;lambda&gt;</c>,
    /// <c>&lt;&lt;Main&gt;$&gt;g__Work|0_3</c> → <c>Work</c>, <c>&lt;FetchAsync&gt;d__3</c> → <c>FetchAsync</c>.
    /// </summary>
    public static string ReadableName(string name)
    {
        if (name.Length == 0 || name[0] != '<')
        {
            return name;
        }
        int depth = 0;
        int close = -1;
        for (int i = 0; i < name.Length; i++)
        {
            if (name[i] == '<')
            {
                depth++;
            }
            else if (name[i] == '>' && --depth == 0)
            {
                close = i;
                break;
            }
        }
        if (close < 0)
        {
            return name;
        }
        string inner = ReadableName(name.Substring(1, close - 1));
        string suffix = name.Substring(close + 1);
        if (suffix.StartsWith("g__", StringComparison.Ordinal))
        {
            int bar = suffix.IndexOf('|');
            return bar > 3 ? suffix.Substring(3, bar - 3) : suffix.Substring(3);
        }
        if (suffix.StartsWith("b__", StringComparison.Ordinal))
        {
            return inner + ".<lambda>";
        }
        return inner;
    }

    public static string TypeName(Type type)
    {
        string name = type.Name;
        int tick = name.IndexOf('`');
        if (tick >= 0)
        {
            name = name.Substring(0, tick);
        }
        return name;
    }

    /// <summary>Python-style repr of a result value, shortened like <c>reprlib.repr</c>.</summary>
    public static string ReprValue(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case string s:
                return "'" + Shorten(s, 60) + "'";
            case char c:
                return "'" + c + "'";
            case bool b:
                return b ? "true" : "false";
            case IFormattable f:
                return f.ToString(null, System.Globalization.CultureInfo.InvariantCulture);
            default:
                return Shorten(value.ToString() ?? value.GetType().Name, 60);
        }
    }

    public static string ReprException(Exception exception)
    {
        var builder = new StringBuilder();
        builder.Append(exception.GetType().Name).Append("('").Append(Shorten(exception.Message, 60)).Append("')");
        return builder.ToString();
    }

    private static string Shorten(string text, int max) =>
        text.Length <= max ? text : text.Substring(0, max / 2 - 2) + "..." + text.Substring(text.Length - (max / 2 - 1));
}
