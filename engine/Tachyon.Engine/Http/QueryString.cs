namespace Tachyon.Engine.Http;

/// <summary>
/// Python 3.11's <c>urllib.parse.parse_qsl(query, keep_blank_values=True)</c>, which is what Starlette's
/// QueryParams uses: split on '&amp;' only (not ';'), skip empty pieces, split each piece at its first '=',
/// a piece without '=' has value "", then unquote_plus both sides.
/// </summary>
public static class QueryString
{
    /// <param name="query">The query without its leading '?'.</param>
    public static List<KeyValuePair<string, string>> Parse(ReadOnlySpan<char> query)
    {
        var pairs = new List<KeyValuePair<string, string>>(query.Count('&') + 1);
        foreach (Range range in query.Split('&'))
        {
            ReadOnlySpan<char> piece = query[range];
            if (piece.IsEmpty)
                continue;
            int equals = piece.IndexOf('=');
            string name, value;
            if (equals < 0)
            {
                name = PercentDecoding.UnquotePlus(piece);
                value = "";
            }
            else
            {
                name = PercentDecoding.UnquotePlus(piece[..equals]);
                value = PercentDecoding.UnquotePlus(piece[(equals + 1)..]);
            }
            pairs.Add(new KeyValuePair<string, string>(name, value));
        }
        return pairs;
    }
}
