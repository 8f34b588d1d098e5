using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Tachyon.Engine.Server;

/// <summary>
/// Kestrel's sockets transport, set up for a request path that never blocks a thread.
/// <list type="bullet">
/// <item>Its services come from the registrations ASP.NET's host makes (<c>UseKestrel().UseSockets()</c>).
/// Constructed by hand (<c>new SocketTransportFactory(options, loggerFactory)</c>) the transport falls back
/// to <c>MemoryPool&lt;byte&gt;.Shared</c>, whose per-thread caches assume a buffer returns to the thread
/// that rented it; here a lane rents the response buffer and a socket thread returns it, and that pool
/// kept allocating and zeroing fresh arrays (about 6% of the server's CPU at 256 connections). Registered,
/// the transport gets Kestrel's pinned block pool, shared by all threads.</item>
/// <item>Socket completions and Kestrel's continuations run inline (on the epoll thread, or on the lane that
/// finished the response) instead of hopping to the thread pool: one thread hand-off less each way. Kestrel
/// calls this "unsafe" because application code that blocks would then stall other connections; the
/// engine's pipeline only awaits, and Python runs on the lanes.</item>
/// </list>
/// </summary>
internal static class SocketTransport
{
    /// <summary>The transport, and the container that owns its memory pool (dispose it after the server).</summary>
    public static (IConnectionListenerFactory Transport, ServiceProvider Services) Create()
    {
        // Read once, when the runtime's socket engine starts: this must come before the first socket.
        // An explicit setting in the environment wins.
        const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
        if (Environment.GetEnvironmentVariable(InlineCompletions) == null) Environment.SetEnvironmentVariable(InlineCompletions, "1");
        var services = new ServiceCollection().AddLogging().AddMetrics();
        new ServicesOnlyBuilder(services).UseKestrel().UseSockets(options => options.UnsafePreferInlineScheduling = true);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IConnectionListenerFactory>(), provider);
    }

    /// <summary>Lets the web host's extension methods register their services, and nothing else.</summary>
    sealed class ServicesOnlyBuilder(IServiceCollection services) : IWebHostBuilder
    {
        // IWebHostBuilder still declares Build() with the obsolete IWebHost type; this builder never builds one.
#pragma warning disable ASPDEPR008
        public IWebHost Build() => throw new NotSupportedException("only collects services");
#pragma warning restore ASPDEPR008
        public IWebHostBuilder ConfigureAppConfiguration(Action<WebHostBuilderContext, IConfigurationBuilder> configure) => this;
        public IWebHostBuilder ConfigureServices(Action<IServiceCollection> configure)
        {
            configure(services);
            return this;
        }
        public IWebHostBuilder ConfigureServices(Action<WebHostBuilderContext, IServiceCollection> configure)
        {
            configure(new WebHostBuilderContext(), services);
            return this;
        }
        public string? GetSetting(string key) => null;
        public IWebHostBuilder UseSetting(string key, string? value) => this;
    }
}
