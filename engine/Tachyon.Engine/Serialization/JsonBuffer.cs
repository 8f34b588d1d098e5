using System.Runtime.CompilerServices;

namespace Tachyon.Engine.Serialization;

/// <summary>
/// The growable byte buffer the JSON writer fills: a single byte is one store, a short literal one small copy.
/// ArrayBufferWriter checks and slices for every write, which showed up as a tenth of the time of writing a list
/// of small dicts (most writes are one byte: quotes, commas, colons). Not thread-safe: one per lane thread.
/// </summary>
internal sealed class JsonBuffer(int capacity)
{
    byte[] _bytes = new byte[capacity];
    int _length;

    public int Length => _length;

    public ReadOnlySpan<byte> Written => new(_bytes, 0, _length);

    public void Reset() => _length = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Put(byte b)
    {
        if (_length == _bytes.Length) Grow(1);
        _bytes[_length++] = b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Put(ReadOnlySpan<byte> bytes)
    {
        if (_bytes.Length - _length < bytes.Length) Grow(bytes.Length);
        bytes.CopyTo(new Span<byte>(_bytes, _length, bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>Room for at least <paramref name="size"/> bytes at the end; <see cref="Advance"/> then says how many were written.</summary>
    public Span<byte> Reserve(int size)
    {
        if (_bytes.Length - _length < size) Grow(size);
        return new Span<byte>(_bytes, _length, _bytes.Length - _length);
    }

    public void Advance(int count) => _length += count;

    void Grow(int needed)
    {
        var bigger = new byte[Math.Max(_bytes.Length * 2, _length + needed)];
        _bytes.AsSpan(0, _length).CopyTo(bigger);
        _bytes = bigger;
    }
}
