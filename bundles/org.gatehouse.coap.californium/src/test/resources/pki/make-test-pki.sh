#!/bin/sh
# Regenerates test-pki.p12, the test-only PKI of the listener tests (store and key password "changeit"):
#   ca        CN=Test CA, self-signed, the trust anchor
#   server    CN=localhost (SAN ip:127.0.0.1), issued by ca: the listener's certificate
#   client    CN=gw-x509, issued by ca: accepted
#   other     CN=gw-other, issued by ca: chains to the anchor, but the resolver does not accept it
#   stranger  CN=stranger, self-signed: chains to nothing trusted
# EC P-256, valid for 100 years, so that the tests need no keytool run of their own.
set -e
cd "$(dirname "$0")"
KS=test-pki.p12
rm -f $KS
k() { keytool -storetype PKCS12 -keystore $KS -storepass changeit -keypass changeit "$@"; }
gen() { k -genkeypair -alias "$1" -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA -dname "$2" -validity 36500 $3; }
gen ca "CN=Test CA" "-ext bc:c"
for entry in "server CN=localhost san=ip:127.0.0.1" "client CN=gw-x509" "other CN=gw-other"; do
  set -- $entry
  gen "$1" "$2"
  k -certreq -alias "$1" | k -gencert -alias ca -validity 36500 ${3:+-ext $3} -rfc > "$1.pem"
  k -importcert -alias "$1" -file "$1.pem" -noprompt
  rm "$1.pem"
done
gen stranger "CN=stranger"
