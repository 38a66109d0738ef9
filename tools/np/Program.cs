using NewsPlatform.Np;

return await NpApp.Create().RunAsync(args);
