/*
 * SHA-256, incremental, through OpenSSL's EVP interface (util.h). libcrypto is
 * loaded with dlopen at the first hash (lazylib.h): only ingest (the file's
 * digest) and fetch (the cache key) hash, and libcrypto's relocation cost
 * every other command ~0.5 ms of start-up (README, Benchmark).
 */
#include <stdio.h>
#include <stdlib.h>

#include <openssl/evp.h>

#include "lazylib.h"
#include "util.h"

#define TF_CRYPTO_FUNCTIONS(X)                                                        \
    X(EVP_MD_CTX_new) X(EVP_MD_CTX_free) X(EVP_DigestInit_ex) X(EVP_DigestUpdate)     \
    X(EVP_DigestFinal_ex) X(EVP_sha256)

static struct {
    TF_CRYPTO_FUNCTIONS(TF_LAZY_MEMBER)
} crypto;

TF_LAZYLIB_DEFINE(TF_CRYPTO_FUNCTIONS, crypto,
                  "TF_LIBCRYPTO", "libcrypto.so.3", "libssl3",
                  "the SHA-256 digests of ingested files");

#define EVP_MD_CTX_new (crypto.EVP_MD_CTX_new)
#define EVP_MD_CTX_free (crypto.EVP_MD_CTX_free)
#define EVP_DigestInit_ex (crypto.EVP_DigestInit_ex)
#define EVP_DigestUpdate (crypto.EVP_DigestUpdate)
#define EVP_DigestFinal_ex (crypto.EVP_DigestFinal_ex)
#define EVP_sha256 (crypto.EVP_sha256)

tf_status tf_sha256_ready(tf_error *err)
{
    return tf_lazylib_load(&lib, err);
}

struct tf_sha256 {
    EVP_MD_CTX *ctx;
};

tf_sha256 *tf_sha256_new(void)
{
    if (tf_sha256_ready(NULL) != TF_OK)
        return NULL;
    tf_sha256 *h = malloc(sizeof *h);
    if (!h)
        return NULL;
    h->ctx = EVP_MD_CTX_new();
    if (!h->ctx || EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(h->ctx);
        free(h);
        return NULL;
    }
    return h;
}

void tf_sha256_update(tf_sha256 *h, const void *data, size_t n)
{
    if (h && n)
        EVP_DigestUpdate(h->ctx, data, n);
}

void tf_sha256_final(tf_sha256 *h, char hex[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    hex[0] = '\0';
    if (!h)
        return;
    if (EVP_DigestFinal_ex(h->ctx, md, &mdlen) == 1) {
        for (unsigned int i = 0; i < mdlen && i < 32; i++)
            snprintf(hex + 2 * i, 3, "%02x", md[i]);
    }
    EVP_MD_CTX_free(h->ctx);
    free(h);
}
