#!/usr/bin/env bash
# Makes Tenderhall's DEMO public-key infrastructure with OpenSSL, into keys/demo/. DEMO ONLY: every private
# key here is public knowledge. Rerun to make a fresh set (new keys, same names and structure):
#   keys/make-demo-pki.sh
# Two independent certificate authorities model mutual recognition of CAs (CA互认): one RSA 3072, one EC P-256,
# each a root with an issuing CA; a third, SM2 with SM3, serves the national-algorithm profile. A platform CA
# issues the platform's own certificates.
set -euo pipefail
cd "$(dirname "$0")"
out=demo
password=tenderhall-demo
export ENCIPHER=keyEncipherment # read by every use of the CA configuration; set per certificate below
rm -rf "$out" && mkdir -p "$out"/{ca,crl,bidders,custodians,platform} && work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT

key() { # key <file> rsa|ec|sm2
  case "$2" in
    rsa) openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$1" ;;
    ec)  openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" ;;
    sm2) openssl genpkey -quiet -algorithm SM2 -out "$1" ;;
  esac
}

# SM2 signatures carry a signer id; Bouncy Castle's default, which Tenderhall uses, is given explicitly.
sm2id=(-sigopt distid:1234567812345678)
sm2() { case "$1" in sm2-*) echo "-md sm3 ${sm2id[*]}" ;; esac; }   # for `openssl ca` signing as CA $1
sm2vfy() { [ "$1" = sm2 ] && echo "-vfyopt distid:1234567812345678"; } # for `openssl ca` reading an SM2 request
sm2req() { case "$1" in sm2-*) echo "-sm3 ${sm2id[*]}" ;; esac; }     # for `openssl req` with key of CA $1

# ca_db <name>: an `openssl ca` database for one issuing CA, so that it can revoke and publish a CRL.
ca_db() {
  mkdir -p "$work/$1/new" && : > "$work/$1/index.txt" && echo 1000 > "$work/$1/serial" && echo 1000 > "$work/$1/crlnumber"
  cat > "$work/$1/ca.cnf" <<CNF
[ca]
default_ca = issuing
[issuing]
dir = $work/$1
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
crlnumber = \$dir/crlnumber
certificate = $PWD/$out/ca/$1.crt
private_key = $PWD/$out/ca/$1.key
default_md = sha256
default_days = 1095
default_crl_days = 3650
policy = anything
unique_subject = no
copy_extensions = none
[anything]
countryName = optional
organizationName = optional
organizationalUnitName = optional
serialNumber = optional
commonName = supplied
[ca_root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ca_issuing]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[bidder]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation, \${ENV::ENCIPHER}
extendedKeyUsage = emailProtection, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://localhost:8080/demo-crl/$1.crl
[platform_signing]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[opening]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
}

# The CAs are valid from 2023, so that a certificate that expired in 2024 had a living issuer.
ca_dates=(-startdate 20230101000000Z -enddate 20451231235959Z)

root() { # root <name> rsa|ec <CN>
  key "$out/ca/$1.key" "$2"
  openssl req -new -key "$out/ca/$1.key" $(sm2req "$1") -subj "/C=CN/O=Tenderhall Demo PKI/CN=$3" -out "$work/$1.csr"
  ca_db "$1"
  openssl ca -batch -notext -selfsign -config "$work/$1/ca.cnf" -keyfile "$out/ca/$1.key" -extensions ca_root \
    $(sm2 "$1") $(sm2vfy "$2") "${ca_dates[@]}" -in "$work/$1.csr" -out "$out/ca/$1.crt" 2>/dev/null
}

issuing() { # issuing <name> <root> rsa|ec <CN>
  key "$out/ca/$1.key" "$3"
  openssl req -new -key "$out/ca/$1.key" $(sm2req "$1") -subj "/C=CN/O=Tenderhall Demo PKI/CN=$4" -out "$work/$1.csr"
  openssl ca -batch -notext -config "$work/$2/ca.cnf" -extensions ca_issuing $(sm2 "$2") $(sm2vfy "$3") "${ca_dates[@]}" \
    -in "$work/$1.csr" -out "$out/ca/$1.crt" 2>/dev/null
  ca_db "$1"
}

# issue <ca> <file> rsa|ec <extensions> <subject> [openssl ca options...]: a certificate and its PKCS#12.
issue() {
  local ca=$1 file=$2 alg=$3 ext=$4 subject=$5; shift 5
  key "$work/$(basename "$file").key" "$alg"
  openssl req -new -key "$work/$(basename "$file").key" $([ "$alg" = sm2 ] && echo "-sm3 ${sm2id[*]}") \
    -subj "$subject" -out "$work/$(basename "$file").csr"
  ENCIPHER=$([ "$alg" = ec ] && echo keyAgreement || echo keyEncipherment) \
    openssl ca -batch -notext -config "$work/$ca/ca.cnf" -extensions "$ext" $(sm2 "$ca") $(sm2vfy "$alg") \
    -in "$work/$(basename "$file").csr" -out "$out/$file.crt" "$@" 2>/dev/null
  cat "$out/ca/$ca.crt" > "$work/chain.pem"
  openssl pkcs12 -export -inkey "$work/$(basename "$file").key" -in "$out/$file.crt" -certfile "$work/chain.pem" \
    -name "$(basename "$file")" -passout "pass:$password" -out "$out/$file.p12"
}

root rsa-root rsa "Tenderhall Demo RSA Root CA"
issuing rsa-issuing rsa-root rsa "Tenderhall Demo RSA Issuing CA"
root ec-root ec "Tenderhall Demo EC Root CA"
issuing ec-issuing ec-root ec "Tenderhall Demo EC Issuing CA"
root platform-ca rsa "Tenderhall Demo Platform CA"
root sm2-root sm2 "Tenderhall Demo SM2 Root CA"
issuing sm2-issuing sm2-root sm2 "Tenderhall Demo SM2 Issuing CA"

# Demo bidders: the organisations of the platform's demo data set (org.tenderhall.identity.DemoData).
bidder() { # bidder <file> <ca> rsa|ec <credit code> <organisation> <person> [openssl ca options...]
  local file=$1 ca=$2 alg=$3 code=$4 org=$5 person=$6; shift 6
  issue "$ca" "bidders/$file" "$alg" bidder "/C=CN/O=$org/OU=$code/serialNumber=$code/CN=$person" "$@"
}
bidder bidder1 rsa-issuing rsa 91350200B000000431 "Island Construction Group Co." "Wang Wei"
bidder bidder2 ec-issuing ec 91350200B00000051U "Bluewater Municipal Engineering Co." "Zhao Min"
bidder bidder3 rsa-issuing rsa 91350200B0000006XK "Seaview Road and Bridge Co." "Sun Li"
bidder bidder4 ec-issuing ec 91350200B00000078K "Lighthouse Building Works Co." "Zhou Jie"
bidder bidder2-sm2 sm2-issuing sm2 91350200B00000051U "Bluewater Municipal Engineering Co." "Zhao Min (SM2)"
bidder bidder1-revoked rsa-issuing rsa 91350200B000000431 "Island Construction Group Co." "Wang Wei (revoked)"
bidder bidder3-expired rsa-issuing rsa 91350200B0000006XK "Seaview Road and Bridge Co." "Sun Li (expired)" \
  -startdate 20240101000000Z -enddate 20250101000000Z

# Demo custodians of opening keys under dual control: the demo agent, supervisor and platform operator.
custodian() { # custodian <file> <ca> rsa|ec <credit code> <organisation> <person>
  issue "$2" "custodians/$1" "$3" bidder "/C=CN/O=$5/OU=$4/serialNumber=$4/CN=$6"
}
custodian agent rsa-issuing rsa 91350200A000000384 "Harbour Tendering Agency Co." "Chen Jing"
custodian supervisor ec-issuing ec 12350200T00000026P "City Public Resource Trading Centre" "Lin Hai"
custodian admin rsa-issuing rsa 91350200T00000018P "Tenderhall Platform Operator" "Platform Custodian"

# Revoke one, and publish each issuing CA's CRL.
openssl ca -config "$work/rsa-issuing/ca.cnf" -revoke "$out/bidders/bidder1-revoked.crt" -crl_reason keyCompromise 2>/dev/null
for ca in rsa-issuing ec-issuing sm2-issuing; do
  openssl ca -gencrl -config "$work/$ca/ca.cnf" $(sm2 "$ca") -out "$out/crl/$ca.crl" 2>/dev/null
done

# The platform's own certificates.
issue platform-ca platform/document-signing rsa platform_signing "/C=CN/O=Tenderhall Demo Platform/CN=Tenderhall document signing (demo)"
issue platform-ca platform/tsa rsa tsa "/C=CN/O=Tenderhall Demo Platform/CN=Tenderhall timestamping authority (demo)"
issue platform-ca platform/opening-demo rsa opening "/C=CN/O=Tenderhall Demo Platform/CN=Opening key of demo tender"
issue platform-ca platform/opening-demo-sm2 sm2 opening "/C=CN/O=Tenderhall Demo Platform/CN=SM2 opening key of demo tender"

# The platform CA's own key as PKCS#12: the platform issues each tender's opening certificate with it.
openssl pkcs12 -export -inkey "$out/ca/platform-ca.key" -in "$out/ca/platform-ca.crt" -name opening-ca \
  -passout "pass:$password" -out "$out/platform/opening-ca.p12"

# The platform's key-encryption key, which wraps tenders' opening keys (AES-256; OpenSSL cannot store a secret
# key in PKCS#12, keytool can).
keytool -genseckey -alias kek -keyalg AES -keysize 256 -storetype PKCS12 -keystore "$out/platform/kek.p12" \
  -storepass "$password" -keypass "$password" 2>/dev/null

echo "Demo PKI written to keys/$out (PKCS#12 password: $password)"
