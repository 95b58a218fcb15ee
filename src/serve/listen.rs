//! Accepting connections: plain HTTP or TLS (rustls), a deadline on slow
//! request headers, and a clean shutdown on SIGTERM or Ctrl-C that lets
//! every request in flight finish (an acknowledged append is on disk
//! before it is acknowledged, so nothing acknowledged is lost).

use crate::{Error, Result};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// How long a client may take to send its request line and headers.
pub const HEADER_DEADLINE: Duration = Duration::from_secs(10);
/// Connections served at once; more wait in the kernel's queue, so a
/// flood of idle connections cannot take the server's memory.
const MAX_CONNECTIONS: usize = 512;
/// How long requests in flight get to finish at shutdown.
const DRAIN: Duration = Duration::from_secs(20);

pub struct Tls {
    pub cert: PathBuf,
    pub key: PathBuf,
}

pub struct Options {
    pub listen: SocketAddr,
    pub tls: Option<Tls>,
}

/// Serves `router` until SIGTERM or Ctrl-C. `ready` is told the bound
/// address once the listener is open.
pub async fn serve(router: axum::Router, options: Options, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let listener = TcpListener::bind(options.listen)
        .await
        .map_err(|e| Error::Usage(format!("--listen {}: cannot listen there: {e}", options.listen)))?;
    let tls = match &options.tls {
        Some(t) => Some(tls_acceptor(t)?),
        None => None,
    };
    let local = listener.local_addr().map_err(|e| Error::Usage(format!("--listen: {e}")))?;
    ready(local);
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(shutdown_signal());
    let permits = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => match p { Ok(p) => p, Err(_) => break },
            _ = &mut stop => break,
        };
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let service = TowerToHyperService::new(router.clone());
                let mut builder = hyper::server::conn::http1::Builder::new();
                builder.timer(TokioTimer::new()).header_read_timeout(HEADER_DEADLINE);
                match &tls {
                    None => {
                        let conn = builder.serve_connection(TokioIo::new(stream), service);
                        let conn = graceful.watch(conn);
                        tokio::spawn(async move {
                            let _ = conn.await;
                            drop(permit);
                        });
                    }
                    Some(acceptor) => {
                        let acceptor = acceptor.clone();
                        let watcher = graceful.watcher();
                        tokio::spawn(async move {
                            let Ok(Ok(stream)) = tokio::time::timeout(HEADER_DEADLINE, acceptor.accept(stream)).await
                            else { return };
                            let conn = builder.serve_connection(TokioIo::new(stream), service);
                            let _ = watcher.watch(conn).await;
                            drop(permit);
                        });
                    }
                }
            }
            _ = &mut stop => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(DRAIN, graceful.shutdown()).await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

fn tls_acceptor(tls: &Tls) -> Result<tokio_rustls::TlsAcceptor> {
    use rustls_pemfile::Item;
    let read = |path: &PathBuf, flag: &str| {
        std::fs::read(path).map_err(|e| Error::input(flag, format!("cannot read {}: {e}", path.display())))
    };
    let cert_pem = read(&tls.cert, "--tls-cert")?;
    let key_pem = read(&tls.key, "--tls-key")?;
    let certs: Vec<_> = rustls_pemfile::certs(&mut cert_pem.as_slice())
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::input("--tls-cert", format!("not a PEM certificate chain: {e}")))?;
    if certs.is_empty() {
        return Err(Error::input("--tls-cert", "holds no certificate; expected a PEM certificate chain"));
    }
    let key = match rustls_pemfile::read_one(&mut key_pem.as_slice()) {
        Ok(Some(Item::Pkcs8Key(k))) => k.into(),
        Ok(Some(Item::Pkcs1Key(k))) => k.into(),
        Ok(Some(Item::Sec1Key(k))) => k.into(),
        _ => return Err(Error::input("--tls-key", "expected a PEM private key (PKCS#8, PKCS#1 or SEC1)")),
    };
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = tokio_rustls::rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::input("--tls-cert", e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| Error::input("--tls-key", format!("does not match the certificate: {e}")))?;
    Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
}
