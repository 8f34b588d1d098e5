// Entry point: host CeilingApp on a bare KestrelServer (no generic host, no logging providers).
//   dotnet Ceiling.dll --port 8000        (BENCH_MANY_ROUTES=1 adds the 10,000 /r{i}/{x} routes)
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tachyon.Bench.Ceiling;

int port = 8000;
for (int i = 0; i < args.Length - 1; i++)
    if (args[i] == "--port") port = int.Parse(args[i + 1]);
bool manyRoutes = Environment.GetEnvironmentVariable("BENCH_MANY_ROUTES") == "1";

var kestrel = new KestrelServerOptions { AddServerHeader = false };
kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
var (transport, services) = Tachyon.Engine.Server.SocketTransport.Create();
using var ownedServices = services;
using var server = new KestrelServer(Options.Create(kestrel), transport, NullLoggerFactory.Instance);

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.TrySetResult(); });
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stop.TrySetResult(); });

await server.StartAsync(new CeilingApp(manyRoutes), CancellationToken.None);
await stop.Task;
await server.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
