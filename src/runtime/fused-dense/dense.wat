;; Kernels of the fused dense trainer (see trainer.ts), WebAssembly SIMD 128 (f32x4).
;; Assembled to bytes at build time by the `tau:wat` Vite plugin (vite.config.ts); wabt is not shipped.
;; Every pointer is a byte offset into the imported memory, 16-byte aligned; every stride and count is
;; in f32 elements. The trainer pads shapes so the vector loops need no scalar tails:
;; gemm wants m % 4 == 0 and n % 8 == 0; the element-wise kernels want count % 4 == 0.
(module
  (import "env" "memory" (memory 1))

  ;; C[m×n] (row stride ldc) = init + Σ_k A(i,k)·B[k×n]  with A(i,k) at a + 4·(i·ars + k·acs):
  ;; ars = lda, acs = 1 reads A; ars = 1, acs = lda reads Aᵀ (so one kernel serves X·W and Xᵀ·dZ).
  ;; flags bit 0: init = bias row (bias pointer), else 0. Bit 1: ReLU on the result.
  ;; Register tile: 4 rows × 8 columns (8 accumulators, 2 B vectors, 1 broadcast = 11 of 16 xmm).
  (func $gemm (export "gemm")
    (param $a i32) (param $ars i32) (param $acs i32) (param $b i32) (param $ldb i32)
    (param $c i32) (param $ldc i32) (param $m i32) (param $n i32) (param $k i32)
    (param $bias i32) (param $flags i32)
    (local $i i32) (local $j i32) (local $kk i32)
    (local $pa0 i32) (local $pa1 i32) (local $pa2 i32) (local $pa3 i32) (local $pb i32) (local $pc i32)
    (local $ars4 i32) (local $acs4 i32) (local $ldb4 i32) (local $ldc4 i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128) (local $zero v128)
    (local.set $ars4 (i32.shl (local.get $ars) (i32.const 2)))
    (local.set $acs4 (i32.shl (local.get $acs) (i32.const 2)))
    (local.set $ldb4 (i32.shl (local.get $ldb) (i32.const 2)))
    (local.set $ldc4 (i32.shl (local.get $ldc) (i32.const 2)))
    (local.set $zero (v128.const f32x4 0 0 0 0))
    (local.set $i (i32.const 0))
    (block $done_i
      (loop $loop_i
        (br_if $done_i (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $j (i32.const 0))
        (block $done_j
          (loop $loop_j
            (br_if $done_j (i32.ge_u (local.get $j) (local.get $n)))
            (if (i32.and (local.get $flags) (i32.const 1))
              (then
                (local.set $c00 (v128.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
                (local.set $c01 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))))
              (else
                (local.set $c00 (local.get $zero))
                (local.set $c01 (local.get $zero))))
            (local.set $c10 (local.get $c00)) (local.set $c11 (local.get $c01))
            (local.set $c20 (local.get $c00)) (local.set $c21 (local.get $c01))
            (local.set $c30 (local.get $c00)) (local.set $c31 (local.get $c01))
            (local.set $pa0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ars4))))
            (local.set $pa1 (i32.add (local.get $pa0) (local.get $ars4)))
            (local.set $pa2 (i32.add (local.get $pa1) (local.get $ars4)))
            (local.set $pa3 (i32.add (local.get $pa2) (local.get $ars4)))
            (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $kk (local.get $k))
            (block $done_k
              (loop $loop_k
                (br_if $done_k (i32.eqz (local.get $kk)))
                (local.set $b0 (v128.load (local.get $pb)))
                (local.set $b1 (v128.load offset=16 (local.get $pb)))
                (local.set $x (v128.load32_splat (local.get $pa0)))
                (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $b0))))
                (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $b1))))
                (local.set $x (v128.load32_splat (local.get $pa1)))
                (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $b0))))
                (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $b1))))
                (local.set $x (v128.load32_splat (local.get $pa2)))
                (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $b0))))
                (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $b1))))
                (local.set $x (v128.load32_splat (local.get $pa3)))
                (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $b0))))
                (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $b1))))
                (local.set $pa0 (i32.add (local.get $pa0) (local.get $acs4)))
                (local.set $pa1 (i32.add (local.get $pa1) (local.get $acs4)))
                (local.set $pa2 (i32.add (local.get $pa2) (local.get $acs4)))
                (local.set $pa3 (i32.add (local.get $pa3) (local.get $acs4)))
                (local.set $pb (i32.add (local.get $pb) (local.get $ldb4)))
                (local.set $kk (i32.sub (local.get $kk) (i32.const 1)))
                (br $loop_k)))
            (if (i32.and (local.get $flags) (i32.const 2))
              (then
                (local.set $c00 (f32x4.max (local.get $c00) (local.get $zero)))
                (local.set $c01 (f32x4.max (local.get $c01) (local.get $zero)))
                (local.set $c10 (f32x4.max (local.get $c10) (local.get $zero)))
                (local.set $c11 (f32x4.max (local.get $c11) (local.get $zero)))
                (local.set $c20 (f32x4.max (local.get $c20) (local.get $zero)))
                (local.set $c21 (f32x4.max (local.get $c21) (local.get $zero)))
                (local.set $c30 (f32x4.max (local.get $c30) (local.get $zero)))
                (local.set $c31 (f32x4.max (local.get $c31) (local.get $zero)))))
            (local.set $pc (i32.add (local.get $c)
              (i32.shl (i32.add (i32.mul (local.get $i) (local.get $ldc)) (local.get $j)) (i32.const 2))))
            (v128.store (local.get $pc) (local.get $c00))
            (v128.store offset=16 (local.get $pc) (local.get $c01))
            (local.set $pc (i32.add (local.get $pc) (local.get $ldc4)))
            (v128.store (local.get $pc) (local.get $c10))
            (v128.store offset=16 (local.get $pc) (local.get $c11))
            (local.set $pc (i32.add (local.get $pc) (local.get $ldc4)))
            (v128.store (local.get $pc) (local.get $c20))
            (v128.store offset=16 (local.get $pc) (local.get $c21))
            (local.set $pc (i32.add (local.get $pc) (local.get $ldc4)))
            (v128.store (local.get $pc) (local.get $c30))
            (v128.store offset=16 (local.get $pc) (local.get $c31))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $loop_j)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $loop_i))))

  ;; dst[cols×rows] = src[rows×cols]ᵀ (scalar; a 64×64 kernel is 4 K elements).
  (func (export "transpose") (param $src i32) (param $rows i32) (param $cols i32) (param $dst i32)
    (local $i i32) (local $j i32) (local $ps i32)
    (local.set $ps (local.get $src))
    (local.set $i (i32.const 0))
    (block $done_i
      (loop $loop_i
        (br_if $done_i (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $j (i32.const 0))
        (block $done_j
          (loop $loop_j
            (br_if $done_j (i32.ge_u (local.get $j) (local.get $cols)))
            (f32.store
              (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $i)) (i32.const 2)))
              (f32.load (local.get $ps)))
            (local.set $ps (i32.add (local.get $ps) (i32.const 4)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $loop_j)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $loop_i))))

  ;; out[j] = Σ_i dz[i·n + j] (bias gradient); n % 4 == 0.
  (func (export "colsum") (param $dz i32) (param $m i32) (param $n i32) (param $out i32)
    (local $j i32) (local $i i32) (local $p i32) (local $acc v128) (local $n4 i32)
    (local.set $n4 (i32.shl (local.get $n) (i32.const 2)))
    (local.set $j (i32.const 0))
    (block $done_j
      (loop $loop_j
        (br_if $done_j (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $acc (v128.const f32x4 0 0 0 0))
        (local.set $p (i32.add (local.get $dz) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $i (local.get $m))
        (block $done_i
          (loop $loop_i
            (br_if $done_i (i32.eqz (local.get $i)))
            (local.set $acc (f32x4.add (local.get $acc) (v128.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $n4)))
            (local.set $i (i32.sub (local.get $i) (i32.const 1)))
            (br $loop_i)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2))) (local.get $acc))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $loop_j))))

  ;; x[i] *= mask[i] (inverted dropout on the forward pass).
  (func (export "mul") (param $x i32) (param $mask i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (v128.store (local.get $x) (f32x4.mul (v128.load (local.get $x)) (v128.load (local.get $mask))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $mask (i32.add (local.get $mask) (i32.const 16)))
        (br $loop))))

  ;; Backward through ReLU (and dropout): d[i] = act[i] > 0 ? d[i]·mask[i] : 0, where act is the layer's
  ;; output after dropout (positive exactly where the pre-activation was positive and the unit kept).
  ;; mask = 0 means no dropout (no multiply).
  (func (export "relu_back") (param $d i32) (param $act i32) (param $mask i32) (param $count i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $d) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $d) (local.get $end)))
        (local.set $v (v128.load (local.get $d)))
        (if (local.get $mask)
          (then
            (local.set $v (f32x4.mul (local.get $v) (v128.load (local.get $mask))))
            (local.set $mask (i32.add (local.get $mask) (i32.const 16)))))
        (v128.store (local.get $d)
          (v128.and (local.get $v) (f32x4.gt (v128.load (local.get $act)) (v128.const f32x4 0 0 0 0))))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $act (i32.add (local.get $act) (i32.const 16)))
        (br $loop))))

  ;; Σ x[i]² (the L2 penalty of the kernels).
  (func (export "sumsq") (param $x i32) (param $count i32) (result f32)
    (local $end i32) (local $acc v128) (local $v v128)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $v (v128.load (local.get $x)))
        (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $v) (local.get $v))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $loop)))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
      (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))

  ;; Adam, TF.js's formulas: g += l2x2·w; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
  ;; w += −lr · (m / c1) / (√(v / c2) + ε), with c1 = 1 − β1ᵗ, c2 = 1 − β2ᵗ.
  (func (export "adam")
    (param $w i32) (param $g i32) (param $m i32) (param $v i32) (param $count i32)
    (param $lr f32) (param $b1 f32) (param $b2 f32) (param $c1 f32) (param $c2 f32) (param $eps f32) (param $l2x2 f32)
    (local $end i32) (local $gv v128) (local $wv v128) (local $mv v128) (local $vv v128)
    (local $vb1 v128) (local $vb2 v128) (local $v1b1 v128) (local $v1b2 v128) (local $vc1 v128) (local $vc2 v128)
    (local $veps v128) (local $vlr v128) (local $vl2 v128)
    (local.set $vb1 (f32x4.splat (local.get $b1)))
    (local.set $vb2 (f32x4.splat (local.get $b2)))
    (local.set $v1b1 (f32x4.splat (f32.sub (f32.const 1) (local.get $b1))))
    (local.set $v1b2 (f32x4.splat (f32.sub (f32.const 1) (local.get $b2))))
    (local.set $vc1 (f32x4.splat (local.get $c1)))
    (local.set $vc2 (f32x4.splat (local.get $c2)))
    (local.set $veps (f32x4.splat (local.get $eps)))
    (local.set $vlr (f32x4.splat (f32.neg (local.get $lr))))
    (local.set $vl2 (f32x4.splat (local.get $l2x2)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $wv (v128.load (local.get $w)))
        (local.set $gv (f32x4.add (v128.load (local.get $g)) (f32x4.mul (local.get $vl2) (local.get $wv))))
        (local.set $mv (f32x4.add (f32x4.mul (v128.load (local.get $m)) (local.get $vb1)) (f32x4.mul (local.get $gv) (local.get $v1b1))))
        (local.set $vv (f32x4.add (f32x4.mul (v128.load (local.get $v)) (local.get $vb2))
          (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $v1b2))))
        (v128.store (local.get $m) (local.get $mv))
        (v128.store (local.get $v) (local.get $vv))
        (v128.store (local.get $w)
          (f32x4.add (local.get $wv)
            (f32x4.mul
              (f32x4.div (f32x4.div (local.get $mv) (local.get $vc1))
                (f32x4.add (f32x4.sqrt (f32x4.div (local.get $vv) (local.get $vc2))) (local.get $veps)))
              (local.get $vlr))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $m (i32.add (local.get $m) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (br $loop))))

  ;; SGD with momentum (TF.js's tf.train.momentum): g += l2x2·w; a = μ·a + g; w += −lr · a.
  (func (export "momentum")
    (param $w i32) (param $g i32) (param $a i32) (param $count i32) (param $lr f32) (param $mu f32) (param $l2x2 f32)
    (local $end i32) (local $av v128) (local $wv v128) (local $vmu v128) (local $vlr v128) (local $vl2 v128)
    (local.set $vmu (f32x4.splat (local.get $mu)))
    (local.set $vlr (f32x4.splat (f32.neg (local.get $lr))))
    (local.set $vl2 (f32x4.splat (local.get $l2x2)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $wv (v128.load (local.get $w)))
        (local.set $av (f32x4.add (f32x4.mul (v128.load (local.get $a)) (local.get $vmu))
          (f32x4.add (v128.load (local.get $g)) (f32x4.mul (local.get $vl2) (local.get $wv)))))
        (v128.store (local.get $a) (local.get $av))
        (v128.store (local.get $w) (f32x4.add (local.get $wv) (f32x4.mul (local.get $av) (local.get $vlr))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (br $loop))))

  ;; TF.js's dropout masks of two layers at once (A and B, each its own Alea stream: the seedrandom generator,
  ;; state s0 s1 s2 with c = 1, already seeded from the string; u in f64 exactly as seedrandom computes it): the
  ;; generator is a serial chain of f64 operations (~20 cycles a draw), so two independent chains in one loop
  ;; run in about the time of one. Each mask is `rows` rows of `units` draws (row stride ld, columns
  ;; units…ld zeroed). units = 0 for B leaves it untouched (an odd number of dropout layers). The mask value
  ;; is floor(f32(u) + keep) · scale (0 or scale, without a data-dependent branch). t ≥ 0, so f64.floor is
  ;; seedrandom's `t | 0`, without the int round trip on the serial chain.
  (func (export "dropout_mask2") (param $rows i32)
    (param $ma i32) (param $ua i32) (param $lda i32) (param $a0 f64) (param $a1 f64) (param $a2 f64) (param $keepa f32) (param $scalea f32)
    (param $mb i32) (param $ub i32) (param $ldb i32) (param $b0 f64) (param $b1 f64) (param $b2 f64) (param $keepb f32) (param $scaleb f32)
    (local $na i32) (local $nb i32) (local $ja i32) (local $jb i32) (local $ca f64) (local $cb f64) (local $ta f64) (local $tb f64)
    (local $end i32)
    (local.set $ca (f64.const 1))
    (local.set $cb (f64.const 1))
    (local.set $na (i32.mul (local.get $rows) (local.get $ua)))
    (local.set $nb (i32.mul (local.get $rows) (local.get $ub)))
    (block $done
      (loop $loop
        (br_if $done (i32.eqz (i32.or (local.get $na) (local.get $nb))))
        (if (local.get $na)
          (then
            (local.set $ta (f64.add (f64.mul (f64.const 2091639) (local.get $a0))
              (f64.mul (local.get $ca) (f64.const 2.3283064365386963e-10))))
            (local.set $a0 (local.get $a1))
            (local.set $a1 (local.get $a2))
            (local.set $ca (f64.floor (local.get $ta)))
            (local.set $a2 (f64.sub (local.get $ta) (local.get $ca)))
            (f32.store (local.get $ma)
              (f32.mul (f32.floor (f32.add (f32.demote_f64 (local.get $a2)) (local.get $keepa))) (local.get $scalea)))
            (local.set $ma (i32.add (local.get $ma) (i32.const 4)))
            (local.set $na (i32.sub (local.get $na) (i32.const 1)))
            (local.set $ja (i32.add (local.get $ja) (i32.const 1)))
            (if (i32.eq (local.get $ja) (local.get $ua))
              (then
                (local.set $ja (i32.const 0))
                (local.set $end (i32.add (local.get $ma) (i32.shl (i32.sub (local.get $lda) (local.get $ua)) (i32.const 2))))
                (block $pad_done
                  (loop $pad
                    (br_if $pad_done (i32.ge_u (local.get $ma) (local.get $end)))
                    (f32.store (local.get $ma) (f32.const 0))
                    (local.set $ma (i32.add (local.get $ma) (i32.const 4)))
                    (br $pad)))))))
        (if (local.get $nb)
          (then
            (local.set $tb (f64.add (f64.mul (f64.const 2091639) (local.get $b0))
              (f64.mul (local.get $cb) (f64.const 2.3283064365386963e-10))))
            (local.set $b0 (local.get $b1))
            (local.set $b1 (local.get $b2))
            (local.set $cb (f64.floor (local.get $tb)))
            (local.set $b2 (f64.sub (local.get $tb) (local.get $cb)))
            (f32.store (local.get $mb)
              (f32.mul (f32.floor (f32.add (f32.demote_f64 (local.get $b2)) (local.get $keepb))) (local.get $scaleb)))
            (local.set $mb (i32.add (local.get $mb) (i32.const 4)))
            (local.set $nb (i32.sub (local.get $nb) (i32.const 1)))
            (local.set $jb (i32.add (local.get $jb) (i32.const 1)))
            (if (i32.eq (local.get $jb) (local.get $ub))
              (then
                (local.set $jb (i32.const 0))
                (local.set $end (i32.add (local.get $mb) (i32.shl (i32.sub (local.get $ldb) (local.get $ub)) (i32.const 2))))
                (block $pad_done
                  (loop $pad
                    (br_if $pad_done (i32.ge_u (local.get $mb) (local.get $end)))
                    (f32.store (local.get $mb) (f32.const 0))
                    (local.set $mb (i32.add (local.get $mb) (i32.const 4)))
                    (br $pad)))))))
        (br $loop))))
)
